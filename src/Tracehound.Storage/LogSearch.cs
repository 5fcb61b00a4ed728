using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>
/// A page of log records, newest first. The time, service, severity and trace fields are exact
/// filters. <see cref="Terms"/> are the terms of a log query: a store narrows by them as far as it
/// can, never dropping a record for which they all hold, but may return records for which some do
/// not, so the caller re-checks each record and pages with <see cref="Skip"/> over the candidates.
/// </summary>
public sealed record LogSearch
{
    /// <summary>Inclusive bounds on the record's timestamp (its observed time when it had none).</summary>
    public long TimeMinUnixNano { get; init; } = long.MinValue;

    public long TimeMaxUnixNano { get; init; } = long.MaxValue;

    /// <summary>Only records whose resource has this <c>service.name</c>.</summary>
    public string? ServiceName { get; init; }

    /// <summary>Only records with a severity number in this inclusive range (OTLP numbers, 0 = unspecified).</summary>
    public int MinSeverityNumber { get; init; }

    public int MaxSeverityNumber { get; init; } = int.MaxValue;

    /// <summary>
    /// Only records of this trace: with <see cref="TraceLookup.LowBitsOnly"/> any trace with those
    /// low 64 bits; otherwise the full id or a record that knew only its low 64 bits.
    /// </summary>
    public TraceLookup? Trace { get; init; }

    /// <summary>Log query terms the store pre-filters by (see the type's remarks: a superset, re-checked by the caller).</summary>
    public IReadOnlyList<LogQueryTerm> Terms { get; init; } = [];

    /// <summary>How many of the matching records (newest first) to skip, then how many to return.</summary>
    public long Skip { get; init; }

    public int Limit { get; init; } = 1000;
}
