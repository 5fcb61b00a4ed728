namespace Tracehound.Model;

/// <summary>
/// The unit that flows from a receiver through the pipeline to the stores: the spans of one
/// request, and how many of the request's spans a decoder had to reject (reported back to the
/// client as OTLP partial success).
/// </summary>
public sealed class SpanBatch
{
    public SpanBatch()
    {
        Spans = [];
    }

    public SpanBatch(List<Span> spans)
    {
        Spans = spans;
    }

    private List<Action>? _whenAccepted;

    public List<Span> Spans { get; }

    public int Count => Spans.Count;

    /// <summary>Spans of the request that were not accepted (invalid ids and the like).</summary>
    public long RejectedSpans { get; private set; }

    /// <summary>Why the first rejected span was rejected; empty when none was.</summary>
    public string RejectionMessage { get; private set; } = string.Empty;

    /// <summary>
    /// Registers work to run once the batch was accepted (every exporter took it; for the store: durable).
    /// A step that must count only what the client will not send again — APM stats: a batch refused with
    /// 429 is retried — computes its part in <c>Process</c> and commits it here.
    /// </summary>
    public void WhenAccepted(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (_whenAccepted ??= []).Add(action);
    }

    /// <summary>Runs the work registered with <see cref="WhenAccepted"/>, once; called by the pipeline on success.</summary>
    public void MarkAccepted()
    {
        var actions = _whenAccepted;
        _whenAccepted = null;
        if (actions is null)
        {
            return;
        }

        foreach (var action in actions)
        {
            action();
        }
    }

    public void Reject(long count, string reason)
    {
        RejectedSpans += count;
        if (RejectionMessage.Length == 0)
        {
            RejectionMessage = reason;
        }
    }
}
