using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>The spans of one trace waiting in the tail sampler's buffer for their decision.</summary>
internal sealed class TailTrace(TraceId traceId, DateTimeOffset firstArrival)
{
    public TraceId TraceId { get; } = traceId;

    /// <summary>When the first span arrived; the decision is due <c>decision-wait</c> later.</summary>
    public DateTimeOffset FirstArrival { get; } = firstArrival;

    public List<Span> Spans { get; } = [];

    /// <summary>Set once decided (the arrival queue may still hold it; it is skipped there).</summary>
    public bool Decided { get; set; }
}
