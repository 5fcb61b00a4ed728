using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>A batch waiting for the writer, and the task its caller awaits.</summary>
internal sealed class PendingWrite(SpanBatch batch)
{
    public SpanBatch Batch { get; } = batch;

    /// <summary>Completed off the writer thread's stack, so callers' continuations never run on it.</summary>
    public TaskCompletionSource<ExportResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
