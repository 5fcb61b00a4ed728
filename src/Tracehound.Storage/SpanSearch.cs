using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>
/// A page of spans for a span search, newest first. It holds only the conditions every store can
/// answer from its own columns; richer terms (Datadog fields, attributes) are applied by the caller
/// to the spans it gets back, page after page.
/// </summary>
public sealed record SpanSearch
{
    /// <summary>Inclusive bounds on the span's start.</summary>
    public long StartTimeMinUnixNano { get; init; } = long.MinValue;

    public long StartTimeMaxUnixNano { get; init; } = long.MaxValue;

    /// <summary>Only spans whose resource has this <c>service.name</c>.</summary>
    public string? ServiceName { get; init; }

    public long? MinDurationNanos { get; init; }

    public long? MaxDurationNanos { get; init; }

    /// <summary>Only spans with this OpenTelemetry status.</summary>
    public StatusCode? Status { get; init; }

    /// <summary>How many of the matching spans (newest first) to skip, then how many to return.</summary>
    public long Skip { get; init; }

    public int Limit { get; init; } = 1000;
}
