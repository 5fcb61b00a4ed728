using System.Globalization;
using System.Text.Json;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// The agent's priority sampler (<c>pkg/trace/sampler/prioritysampler.go</c>): the keep decision
/// is the tracer's (priority &gt; 0); the sampler only learns, per (root service, env), the rate
/// that would bring the traces tracers keep to the target TPS, and publishes it as
/// <c>rate_by_service</c> for the tracers to apply. Chunks with priority 0 or 1 are counted (user
/// decisions, −1 and 2, are not the feedback loop's to change), each weighted by 1 / the rates
/// already applied before it reached us. Rates are recomputed when a 5 s bucket starts; the
/// serialized body is rebuilt only then, so every trace response just reads a reference.
/// </summary>
internal sealed class PrioritySampler : IServiceSampleRates
{
    /// <summary>The body before any traffic: keep everything (also the intake's fixed body).</summary>
    public const string InitialVersion = "1";

    private readonly TpsSampler _sampler;
    private readonly ServiceKeyCatalog _catalog;
    private readonly TimeProvider _clock;
    private readonly Lock _publishLock = new();
    private SortedDictionary<string, double> _published = new(StringComparer.Ordinal) { ["service:,env:"] = 1 };
    private long _versionCounter;
    private volatile RatesSnapshot _current;

    public PrioritySampler(double targetTps, TimeProvider clock, int maxCatalogEntries = ServiceKeyCatalog.DefaultMaxEntries)
    {
        _sampler = new TpsSampler(targetTps);
        _catalog = new ServiceKeyCatalog(maxCatalogEntries);
        _clock = clock;
        _current = new RatesSnapshot(InitialVersion, Serialize(_published));
    }

    public double TargetTps => _sampler.TargetTps;

    public (string Version, byte[] Body) Current
    {
        get
        {
            var current = _current;
            return (current.Version, current.Body);
        }
    }

    /// <summary>The published rates by <c>service:S,env:E</c> key (a copy).</summary>
    public IReadOnlyDictionary<string, double> Rates
    {
        get
        {
            lock (_publishLock)
            {
                return new Dictionary<string, double>(_published, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Counts a chunk carrying a tracer priority; returns the tracer's decision (priority &gt; 0).</summary>
    public bool Sample(DateTimeOffset now, Span root, string env, int priority)
    {
        var sampled = priority > 0;
        if (priority is < SamplingPriority.AutoDrop or > SamplingPriority.AutoKeep)
        {
            return sampled;
        }

        var signature = _catalog.Register(new ServiceSignature(SamplingSpanView.Service(root), env));
        if (_sampler.CountWeighted(now, signature, WeightOf(root)))
        {
            Publish();
        }

        if (sampled)
        {
            ApplyRate(root, signature);
        }

        return sampled;
    }

    /// <summary>1 / (tracer rate × pre-sampler rate): how many traces this chunk stands for.</summary>
    internal static float WeightOf(Span root)
    {
        var clientRate = SamplingSpanView.TryGetMetric(root, SamplingTags.GlobalRate, out var c) && c > 0 && c <= 1 ? c : 1;
        var preSamplerRate = SamplingSpanView.TryGetMetric(root, SamplingTags.PreSamplerRate, out var p) && p > 0 && p <= 1 ? p : 1;
        return (float)(1.0 / (clientRate * preSamplerRate));
    }

    /// <summary>Rebuilds the published rates; a new version only when some rate changed.</summary>
    internal void Publish()
    {
        var (rates, defaultRate) = _sampler.GetAllRates();
        var next = _catalog.RatesByService(rates, defaultRate);
        foreach (var key in next.Keys.ToArray())
        {
            next[key] = Math.Clamp(next[key], 0, 1);
        }

        lock (_publishLock)
        {
            if (next.Count == _published.Count && next.All(kv => _published.TryGetValue(kv.Key, out var old) && old == kv.Value))
            {
                return;
            }

            _published = next;
            // The agent's version format: unix seconds and a counter, in hex.
            var version = _clock.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture)
                + "-" + (++_versionCounter).ToString("x", CultureInfo.InvariantCulture);
            _current = new RatesSnapshot(version, Serialize(next));
        }
    }

    private void ApplyRate(Span root, ulong signature)
    {
        // Only true roots, and only when the tracer did not say which rate it applied.
        if (!root.ParentSpanId.IsEmpty
            || SamplingSpanView.TryGetMetric(root, SamplingTags.AgentRate, out _)
            || SamplingSpanView.TryGetMetric(root, SamplingTags.RuleRate, out _)
            || SamplingSpanView.TryGetMetric(root, SamplingTags.DeprecatedPriorityRate, out _))
        {
            return;
        }

        SamplingSpanView.SetMetric(root, SamplingTags.DeprecatedPriorityRate, _sampler.GetRate(signature));
    }

    private static byte[] Serialize(SortedDictionary<string, double> rates)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("rate_by_service");
            foreach (var (key, rate) in rates)
            {
                writer.WriteNumber(key, rate);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed record RatesSnapshot(string Version, byte[] Body);
}
