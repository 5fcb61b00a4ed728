namespace Tracehound.Processing.Sampling;

/// <summary>
/// The agent's core rate computation (<c>pkg/trace/sampler/coresampler.go</c>), shared by the
/// priority, errors and no-priority samplers. Traffic is counted per signature in a ring of 6
/// buckets of 5 s; when a new bucket starts, each signature's seen TPS is its busiest bucket / 5,
/// the target TPS is split evenly across signatures (a quiet signature's unused share goes to the
/// others) and rate = min(1, share / seen TPS), raised by at most ×1.2 per update. Signatures with
/// no traffic left are forgotten. Thread-safe; time comes from the caller so tests need no sleeps.
/// </summary>
internal sealed class TpsSampler
{
    public const int NumBuckets = 6;
    public const int BucketSeconds = 5;
    public const double MaxRateIncrease = 1.2;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, float[]> _seen = [];
    private readonly float[] _allSeen = new float[NumBuckets];
    private Dictionary<ulong, double> _rates = [];
    private long _lastBucket;
    private double _lowestRate;

    public TpsSampler(double targetTps)
    {
        TargetTps = targetTps;
    }

    public double TargetTps { get; }

    /// <summary>Signatures being tracked.</summary>
    public int Size
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Counts <paramref name="weight"/> traces for a signature; true when a new bucket started and rates were recomputed.</summary>
    public bool CountWeighted(DateTimeOffset now, ulong signature, float weight)
    {
        var bucket = now.ToUnixTimeSeconds() / BucketSeconds;
        lock (_lock)
        {
            var previous = _lastBucket;
            _lastBucket = bucket;
            var rotated = previous != bucket;
            if (rotated)
            {
                UpdateRates(previous, bucket);
            }

            if (!_seen.TryGetValue(signature, out var buckets))
            {
                buckets = new float[NumBuckets];
                _seen[signature] = buckets;
            }

            var index = (int)(bucket % NumBuckets);
            _allSeen[index] += weight;
            buckets[index] += weight;
            return rotated;
        }
    }

    /// <summary>The rate for a signature; the default rate when it has none yet.</summary>
    public double GetRate(ulong signature)
    {
        lock (_lock)
        {
            return _rates.TryGetValue(signature, out var rate) ? rate : DefaultRate();
        }
    }

    /// <summary>A copy of every signature's rate, and the rate for signatures not seen yet.</summary>
    public (Dictionary<ulong, double> Rates, double DefaultRate) GetAllRates()
    {
        lock (_lock)
        {
            return (new Dictionary<ulong, double>(_rates), DefaultRate());
        }
    }

    /// <summary>
    /// Splits the target evenly across signatures; when a signature sees less than its share, the
    /// rest goes to the busier ones (signatures taken from the quietest up).
    /// </summary>
    internal static double ComputeTpsPerSignature(double targetTps, double[] seen)
    {
        var sorted = (double[])seen.Clone();
        Array.Sort(sorted);
        var share = targetTps / sorted.Length;
        for (var i = 0; i < sorted.Length; i++)
        {
            var count = sorted[i];
            if (count >= share || i == sorted.Length - 1)
            {
                break;
            }

            targetTps -= count;
            share = targetTps / (sorted.Length - i - 1);
        }

        return share;
    }

    private void UpdateRates(long previousBucket, long newBucket)
    {
        if (_seen.Count == 0)
        {
            return;
        }

        var signatures = new ulong[_seen.Count];
        var seenTps = new double[_seen.Count];
        var n = 0;
        foreach (var (signature, buckets) in _seen)
        {
            signatures[n] = signature;
            seenTps[n] = ZeroExpiredAndGetMax(buckets, previousBucket, newBucket) / (double)BucketSeconds;
            n++;
        }

        ZeroExpiredAndGetMax(_allSeen, previousBucket, newBucket);
        var tpsPerSignature = ComputeTpsPerSignature(TargetTps, seenTps);
        var rates = new Dictionary<ulong, double>(n);
        _lowestRate = 1;
        for (var i = 0; i < n; i++)
        {
            var seen = seenTps[i];
            var rate = 1.0;
            if (tpsPerSignature < seen && seen > 0)
            {
                rate = tpsPerSignature / seen;
            }

            if (_rates.TryGetValue(signatures[i], out var previousRate) && previousRate != 0 && rate / previousRate > MaxRateIncrease)
            {
                rate = previousRate * MaxRateIncrease;
            }

            rate = Math.Min(rate, 1);
            if (rate == 1 && seen == 0)
            {
                // No traffic left on this signature: forget it.
                _seen.Remove(signatures[i]);
                continue;
            }

            _lowestRate = Math.Min(_lowestRate, rate);
            rates[signatures[i]] = rate;
        }

        _rates = rates;
    }

    /// <summary>Zeroes the buckets that expired between the two bucket ids and returns the busiest remaining one (the one being reused counts before it is zeroed).</summary>
    private static float ZeroExpiredAndGetMax(float[] buckets, long previousBucket, long newBucket)
    {
        var max = 0f;
        for (var i = previousBucket + 1; i <= previousBucket + NumBuckets; i++)
        {
            var index = (int)(i % NumBuckets);
            if (i < newBucket)
            {
                buckets[index] = 0;
                continue;
            }

            max = Math.Max(max, buckets[index]);
            if (i == newBucket)
            {
                buckets[index] = 0;
            }
        }

        return max;
    }

    /// <summary>For signatures without a rate: target / total seen TPS, but never above the lowest rate.</summary>
    private double DefaultRate()
    {
        if (TargetTps == 0)
        {
            return 0;
        }

        var maxSeen = 0f;
        foreach (var count in _allSeen)
        {
            maxSeen = Math.Max(maxSeen, count);
        }

        var seenTps = maxSeen / (double)BucketSeconds;
        var rate = 1.0;
        if (TargetTps < seenTps && seenTps > 0)
        {
            rate = TargetTps / seenTps;
        }

        return _lowestRate < rate && _lowestRate != 0 ? _lowestRate : rate;
    }
}
