using Tracehound.Model;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// The agent's rare sampler (<c>pkg/trace/sampler/rare_sampler.go</c>): keeps a trace when one of
/// its top-level or measured spans has a (service, name, resource, error, http.status_code,
/// error.type) combination not seen within the cooldown for its (env, service), at most
/// <c>tps</c> traces per second (burst 50). Signatures of traces the tracer kept (priority &gt; 0)
/// count as seen for 10 minutes. At most 200 signatures per (env, service); beyond, they fold onto
/// 200 slots. The span that made the trace rare gets metric <c>_dd.rare</c> = 1.
/// </summary>
internal sealed class RareSampler
{
    public const int Burst = 50;
    public const int DefaultCardinality = 200;
    public static readonly TimeSpan PriorityTtl = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TtlRenewalPeriod = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, SeenSpans> _shards = [];
    private readonly TokenBucket _limiter;
    private readonly TimeSpan _cooldown;
    private readonly TimeSpan _priorityTtl;
    private readonly int _cardinality;

    public RareSampler(double tps, TimeSpan cooldown, DateTimeOffset now, int cardinality = DefaultCardinality)
    {
        _limiter = new TokenBucket(tps, Burst, now);
        _cooldown = cooldown;
        _priorityTtl = cooldown > PriorityTtl ? cooldown : PriorityTtl;
        _cardinality = cardinality;
    }

    public bool Sample(DateTimeOffset now, IReadOnlyList<Span> spans, string env, int priority)
    {
        lock (_lock)
        {
            if (priority > 0)
            {
                Remember(now + _priorityTtl, spans, env);
                return false;
            }

            foreach (var span in spans)
            {
                if (!SamplingSpanView.IsTopLevelOrMeasured(span))
                {
                    continue;
                }

                var shard = ShardOf(env, span);
                var signature = shard.Sign(span);
                if ((shard.TryGetExpiry(signature, out var expiry) && now <= expiry) || !_limiter.TryTake(now))
                {
                    continue;
                }

                shard.Add(now + _cooldown, signature);
                SamplingSpanView.SetMetric(span, SamplingTags.Rare, 1);
                Remember(now + _cooldown, spans, env);
                return true;
            }

            return false;
        }
    }

    private void Remember(DateTimeOffset expiry, IReadOnlyList<Span> spans, string env)
    {
        foreach (var span in spans)
        {
            if (SamplingSpanView.IsTopLevelOrMeasured(span))
            {
                var shard = ShardOf(env, span);
                shard.Add(expiry, shard.Sign(span));
            }
        }
    }

    private SeenSpans ShardOf(string env, Span span)
    {
        // The agent keys shards by ServiceSignature{env, service}: hash of "env,service".
        var key = new ServiceSignature(env, SamplingSpanView.Service(span)).Hash();
        if (!_shards.TryGetValue(key, out var shard))
        {
            shard = new SeenSpans(_cardinality);
            _shards[key] = shard;
        }

        return shard;
    }

    /// <summary>Signatures seen for one (env, service), with when each stops counting as seen.</summary>
    private sealed class SeenSpans(int cardinality)
    {
        private Dictionary<uint, DateTimeOffset> _expiries = [];
        private bool _shrunk;

        public uint Sign(Span span)
        {
            var hash = TraceSignature.SpanHash(span, string.Empty, withResource: true);
            return _shrunk ? hash % (uint)cardinality : hash;
        }

        public bool TryGetExpiry(uint signature, out DateTimeOffset expiry) => _expiries.TryGetValue(signature, out expiry);

        public void Add(DateTimeOffset expiry, uint signature)
        {
            if (_expiries.TryGetValue(signature, out var stored) && expiry - stored < TtlRenewalPeriod)
            {
                return;
            }

            _expiries[signature] = expiry;
            if (_expiries.Count > cardinality)
            {
                var folded = new Dictionary<uint, DateTimeOffset>(cardinality);
                foreach (var (hash, value) in _expiries)
                {
                    folded[hash % (uint)cardinality] = value;
                }

                _expiries = folded;
                _shrunk = true;
            }
        }
    }
}
