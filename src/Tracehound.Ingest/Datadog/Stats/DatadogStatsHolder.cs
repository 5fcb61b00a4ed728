namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>
/// Receives decoded client stats payloads: hands each to the stats concentrator (the callback the
/// server wires) and keeps the most recent ones in memory, bounded (oldest dropped first).
/// </summary>
public sealed class DatadogStatsHolder
{
    public const int DefaultCapacity = 1024;

    private readonly Queue<DatadogClientStatsPayload> _payloads = new();
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private readonly Action<DatadogClientStatsPayload>? _onPayload;
    private long _received;

    /// <param name="capacity">Payloads kept for <see cref="Snapshot"/>.</param>
    /// <param name="onPayload">Called with every payload as it arrives (merges it into the APM stats).</param>
    public DatadogStatsHolder(int capacity = DefaultCapacity, Action<DatadogClientStatsPayload>? onPayload = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _onPayload = onPayload;
    }

    /// <summary>Payloads received since start (including dropped ones).</summary>
    public long Received => Interlocked.Read(ref _received);

    public void Add(DatadogClientStatsPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        _onPayload?.Invoke(payload);
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
