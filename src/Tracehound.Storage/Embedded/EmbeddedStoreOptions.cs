namespace Tracehound.Storage.Embedded;

/// <summary>Settings of the embedded store (<c>--data-dir</c>, <c>--store-memory-limit</c>, …).</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Folder that holds the database; created when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Memory the storage engine may use for itself (its buffer pool), in bytes.</summary>
    public long MemoryLimitBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Spans and log records waiting to be written at most (one queue); beyond that writes are refused as overloaded.</summary>
    public int MaxQueuedSpans { get; init; } = 100_000;

    /// <summary>Threads the storage engine may use.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>
    /// WAL size at which a commit also checkpoints. Kept large because checkpointing every 16 MB
    /// (DuckDB's default) made commits several times slower; the store checkpoints itself when idle.
    /// </summary>
    public long CheckpointThresholdBytes { get; init; } = 256L * 1024 * 1024;
}
