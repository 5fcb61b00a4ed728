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

    /// <summary>
    /// At least the spans whose Datadog service may be this one: the store may return more (the
    /// caller checks the Datadog view), never fewer. A Datadog service comes from the span's or the
    /// resource's <c>datadog.service</c> or <c>service.name</c>, normalized (lower case, truncated).
    /// </summary>
    public string? DatadogService { get; init; }

    /// <summary>
    /// At least the spans that may be Datadog errors: OpenTelemetry status ERROR, or a
    /// <c>datadog.error</c> attribute (which overrides the status). The caller checks each span.
    /// </summary>
    public bool DatadogError { get; init; }

    /// <summary>Only spans of one of these traces (a lookup by the low 64 bits matches any high half).</summary>
    public IReadOnlyList<TraceLookup>? TraceIds { get; init; }

    /// <summary>Only spans after this one in the newest-first order: keyset paging, instead of <see cref="Skip"/>.</summary>
    public SpanSearchCursor? After { get; init; }

    /// <summary>How many of the matching spans (newest first) to skip, then how many to return.</summary>
    public long Skip { get; init; }

    public int Limit { get; init; } = 1000;
}
