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

    public List<Span> Spans { get; }

    public int Count => Spans.Count;

    /// <summary>Spans of the request that were not accepted (invalid ids and the like).</summary>
    public long RejectedSpans { get; private set; }

    /// <summary>Why the first rejected span was rejected; empty when none was.</summary>
    public string RejectionMessage { get; private set; } = string.Empty;

    public void Reject(long count, string reason)
    {
        RejectedSpans += count;
        if (RejectionMessage.Length == 0)
        {
            RejectionMessage = reason;
        }
    }
}
