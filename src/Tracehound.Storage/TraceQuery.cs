using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>
/// A trace search in Jaeger's terms. A trace matches when one of its spans satisfies every given
/// condition. A tag condition matches a span attribute, a resource attribute or an event attribute
/// whose value, as text (<see cref="AnyValue.ToString"/>), equals the given value; the tag
/// <c>error=true</c> also matches a span whose status is ERROR, and <c>span.kind=server</c> (etc.)
/// matches the span kind.
/// </summary>
public sealed record TraceQuery
{
    public string? ServiceName { get; init; }

    public string? OperationName { get; init; }

    public SpanKind? Kind { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    public long? MinDurationNanos { get; init; }

    public long? MaxDurationNanos { get; init; }

    /// <summary>Inclusive lower bound on a matching span's start.</summary>
    public long? StartTimeMinUnixNano { get; init; }

    /// <summary>Inclusive upper bound on a matching span's start.</summary>
    public long? StartTimeMaxUnixNano { get; init; }

    /// <summary>At most this many traces, the most recent first.</summary>
    public int Limit { get; init; } = 20;
}
