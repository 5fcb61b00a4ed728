namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>
/// Keeps the most recent client stats payloads in memory, bounded (oldest dropped first), until
/// the service-metrics work merges them into its own aggregates.
/// </summary>
public sealed class DatadogStatsHolder
{
    public const int DefaultCapacity = 1024;

    private readonly Queue<DatadogClientStatsPayload> _payloads = new();
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private long _received;

    public DatadogStatsHolder(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Payloads received since start (including dropped ones).</summary>
    public long Received => Interlocked.Read(ref _received);

    public void Add(DatadogClientStatsPayload payload)
    {
        lock (_lock)
        {
            if (_payloads.Count == _capacity)
            {
                _payloads.Dequeue();
            }

            _payloads.Enqueue(payload);
            _received++;
        }
    }

    /// <summary>The payloads currently held, oldest first.</summary>
    public IReadOnlyList<DatadogClientStatsPayload> Snapshot()
    {
        lock (_lock)
        {
            return [.. _payloads];
        }
    }
}
