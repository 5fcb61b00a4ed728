using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>
/// A page of log records, newest first. Like <see cref="SpanSearch"/> it holds only what every store
/// answers from its own columns; free text and attribute terms are applied by the caller.
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

    /// <summary>How many of the matching records (newest first) to skip, then how many to return.</summary>
    public long Skip { get; init; }

    public int Limit { get; init; } = 1000;
}
