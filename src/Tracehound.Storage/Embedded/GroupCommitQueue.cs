using Microsoft.Extensions.Logging;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Group commit: callers enqueue span and log batches into one bounded queue; one writer thread
/// takes everything waiting, appends it in one transaction, commits (durable), then completes every waiting caller.
/// So a commit's fixed cost is shared by all batches that arrived while the previous one ran, and
/// throughput does not depend on how small the callers' batches are. When idle the thread
/// checkpoints, so the WAL is folded into the compressed file while nobody waits.
/// </summary>
internal sealed partial class GroupCommitQueue
{
    private static readonly TimeSpan IdleCheckpointDelay = TimeSpan.FromSeconds(1);

    private readonly object _lock = new();
    private readonly CommitGroupWriter _writer;
    private readonly ILogger _logger;
    private readonly int _maxQueuedItems;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<PendingWrite> _waiting = [];
    private long _waitingItems;
    private bool _stopping;
    private bool _dirtySinceCheckpoint;

    /// <param name="maxQueuedItems">Spans plus log records waiting at most; beyond that writes are refused as overloaded.</param>
    public GroupCommitQueue(CommitGroupWriter writer, int maxQueuedItems, ILogger logger)
    {
        _writer = writer;
        _maxQueuedItems = maxQueuedItems;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "tracehound-store-writer" };
        _thread.Start();
    }

    /// <summary>Completes once the writer has drained the queue, checkpointed and closed its connection.</summary>
    public Task Stopped => _stopped.Task;

    public ValueTask<ExportResult> EnqueueAsync(SpanBatch batch, CancellationToken cancellationToken) =>
        EnqueueAsync(new PendingWrite(batch), cancellationToken);

    public ValueTask<ExportResult> EnqueueAsync(LogBatch batch, CancellationToken cancellationToken) =>
        EnqueueAsync(new PendingWrite(batch), cancellationToken);

    private ValueTask<ExportResult> EnqueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (write.Count == 0)
        {
            return ValueTask.FromResult(ExportResult.Success);
        }

        lock (_lock)
        {
            if (_stopping)
            {
                return ValueTask.FromResult(ExportResult.Unavailable);
            }

            // A batch always fits into an empty queue, however large, so no batch is refused forever.
            if (_waitingItems > 0 && _waitingItems + write.Count > _maxQueuedItems)
            {
                return ValueTask.FromResult(ExportResult.Overloaded);
            }

            _waiting.Add(write);
            _waitingItems += write.Count;
            Monitor.Pulse(_lock);
        }

        // Once queued the batch is written whatever the caller does; cancelling only stops the waiting.
        return cancellationToken.CanBeCanceled
            ? new ValueTask<ExportResult>(write.Completion.Task.WaitAsync(cancellationToken))
            : new ValueTask<ExportResult>(write.Completion.Task);
    }

    /// <summary>Refuses new writes from now on; the writer drains what is queued and stops.</summary>
    public Task StopAsync()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.Pulse(_lock);
        }

        return _stopped.Task;
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                List<PendingWrite> group;
                lock (_lock)
                {
                    while (_waiting.Count == 0 && !_stopping)
                    {
                        if (!Monitor.Wait(_lock, IdleCheckpointDelay) && _waiting.Count == 0 && _dirtySinceCheckpoint)
                        {
                            _dirtySinceCheckpoint = false;
                            Monitor.Exit(_lock);
                            try
                            {
                                Checkpoint();
                            }
                            finally
                            {
                                Monitor.Enter(_lock);
                            }
                        }
                    }

                    if (_waiting.Count == 0)
                    {
                        break;
                    }

                    group = _waiting;
                    _waiting = [];
                    _waitingItems = 0;
                }

                Write(group);
            }

            Checkpoint();
        }
        finally
        {
            _writer.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void Write(List<PendingWrite> group)
    {
        try
        {
            _writer.Commit(group);
            _dirtySinceCheckpoint = true;
            foreach (var write in group)
            {
                write.Completion.TrySetResult(ExportResult.Success);
            }
        }
        catch (Exception ex) when (group.Count > 1)
        {
            // Retry one by one, so one bad batch does not fail the batches it was grouped with.
            LogGroupFailed(_logger, ex, group.Count);
            foreach (var write in group)
            {
                Write([write]);
            }
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, ex, group[0].Count);
            group[0].Completion.TrySetException(new InvalidOperationException("The embedded store could not write the batch: " + ex.Message, ex));
        }
    }

    private void Checkpoint()
    {
        try
        {
            _writer.Checkpoint();
        }
        catch (Exception ex)
        {
            // A checkpoint can fail while readers hold old snapshots; the next one will catch up.
            LogCheckpointFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing a commit group of {Batches} batches failed; retrying them one by one.")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int batches);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Items} spans or log records to the embedded store failed.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the embedded store failed.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
