using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>A span or log batch waiting for the writer, and the task its caller awaits.</summary>
internal sealed class PendingWrite
{
    public PendingWrite(SpanBatch spans)
    {
        Spans = spans;
        Count = spans.Count;
    }

    public PendingWrite(LogBatch logs)
    {
        Logs = logs;
        Count = logs.Count;
    }

    public SpanBatch? Spans { get; }

    public LogBatch? Logs { get; }

    /// <summary>Spans or log records: what the queue bound counts.</summary>
    public int Count { get; }

    /// <summary>Completed off the writer thread's stack, so callers' continuations never run on it.</summary>
    public TaskCompletionSource<ExportResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
