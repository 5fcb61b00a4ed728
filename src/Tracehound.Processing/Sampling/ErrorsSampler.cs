using Tracehound.Model;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// The agent's errors sampler (a <c>ScoreSampler</c>, <c>pkg/trace/sampler/scoresampler.go</c>):
/// keeps traces holding an error that the other samplers would drop, at most about
/// <c>errors-per-second</c> traces per second spread over trace signatures. The rate of the trace's
/// signature is applied on the trace id (Knuth hash), so chunks of one trace get the same
/// decision. Past 100 signatures, new ones fold onto 100 slots to bound memory. 0 TPS disables it.
/// </summary>
internal sealed class ErrorsSampler
{
    /// <summary>Signature cardinality at which new signatures start sharing slots (half of the agent's 200).</summary>
    public const int ShrinkCardinality = 100;

    private readonly TpsSampler _sampler;
    private readonly Lock _shrinkLock = new();
    private Dictionary<ulong, double>? _shrinkAllowList;

    public ErrorsSampler(double errorsPerSecond)
    {
        _sampler = new TpsSampler(errorsPerSecond);
    }

    public bool Enabled => _sampler.TargetTps > 0;

    public bool Sample(DateTimeOffset now, IReadOnlyList<Span> spans, Span root, string env)
    {
        if (!Enabled || spans.Count == 0)
        {
            return false;
        }

        var signature = Shrink(TraceSignature.Compute(spans, root, env));
        _sampler.CountWeighted(now, signature, PrioritySampler.WeightOf(root));
        var rate = _sampler.GetRate(signature);
        var initialRate = SamplingSpanView.TryGetMetric(root, SamplingTags.GlobalRate, out var global) ? global : 1;
        if (!KnuthSampler.SampleByRate(root.TraceId.Low, initialRate * rate))
        {
            return false;
        }

        SamplingSpanView.SetMetric(root, SamplingTags.ErrorsRate, rate);
        return true;
    }

    private ulong Shrink(ulong signature)
    {
        lock (_shrinkLock)
        {
            if (_sampler.Size < ShrinkCardinality)
            {
                _shrinkAllowList = null;
                return signature;
            }

            _shrinkAllowList ??= _sampler.GetAllRates().Rates;
            return _shrinkAllowList.ContainsKey(signature) ? signature : signature % ShrinkCardinality;
        }
    }
}
