using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// Trace-level sampling after stats (spec §7): decides per trace chunk, keeps or drops all its
/// spans together. Order, as in the agent's <c>runSamplers</c>:
/// <list type="number">
/// <item>the rare sampler (when enabled) sees every chunk first, so signatures get recorded;</item>
/// <item>a chunk with a tracer priority (Datadog chunk priority, or an OpenTelemetry
/// <c>sampling.priority</c> attribute) feeds the priority sampler (<c>rate_by_service</c>); unless
/// <see cref="SamplingOptions.HonorPriority"/> it is kept. Honoured: &lt; 0 (user reject) ⇒ drop,
/// rare ⇒ keep, &gt; 0 ⇒ keep, 0 ⇒ the errors sampler may keep it if it holds an error;</item>
/// <item>a chunk without priority: rare ⇒ keep; the probabilistic sampler at
/// <see cref="SamplingOptions.Percentage"/> keeps it (<c>_dd.prob_sr</c> on the root); else the
/// errors sampler may keep it if it holds an error; else drop.</item>
/// </list>
/// With the defaults (100 %, priorities not honoured) nothing is dropped.
/// </summary>
public sealed class SamplingProcessor : ISpanProcessor
{
    [ThreadStatic]
    private static TraceChunks? t_chunks;

    [ThreadStatic]
    private static bool[]? t_keep;

    private readonly SamplingOptions _options;
    private readonly TimeProvider _clock;
    private readonly PrioritySampler _prioritySampler;
    private readonly ErrorsSampler _errorsSampler;
    private readonly ProbabilisticSampler? _probabilisticSampler;
    private readonly RareSampler? _rareSampler;

    public SamplingProcessor(SamplingOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _prioritySampler = new PrioritySampler(options.TargetTps, clock);
        _errorsSampler = new ErrorsSampler(options.ErrorsPerSecond);
        _probabilisticSampler = options.Percentage < 100 ? new ProbabilisticSampler(options.Percentage, options.HashSeed, options.FullTraceId) : null;
        _rareSampler = options.RareEnabled ? new RareSampler(options.RareTps, options.RareCooldown, clock.GetUtcNow()) : null;
    }

    /// <summary>The <c>rate_by_service</c> the Datadog intake returns to tracers.</summary>
    public IServiceSampleRates ServiceSampleRates => _prioritySampler;

    internal PrioritySampler PrioritySampler => _prioritySampler;

    public void Process(SpanBatch batch)
    {
        if (batch.Count == 0 || (!_options.MayDrop && _rareSampler is null && !HasTracerChunks(batch.Spans)))
        {
            // Nothing can be dropped and no Datadog chunk feeds rate_by_service: nothing to do.
            return;
        }

        var chunks = t_chunks ??= new TraceChunks();
        chunks.Split(batch.Spans);
        try
        {
            var keep = t_keep is { } buffer && buffer.Length >= chunks.Count ? buffer : t_keep = new bool[Math.Max(chunks.Count, 64)];
            var now = _clock.GetUtcNow();
            var dropAny = false;
            for (var i = 0; i < chunks.Count; i++)
            {
                keep[i] = Decide(now, chunks[i]);
                dropAny |= !keep[i];
            }

            if (dropAny)
            {
                RemoveDropped(batch.Spans, chunks, keep);
            }
        }
        finally
        {
            chunks.Clear();
        }
    }

    /// <summary>True to keep the chunk.</summary>
    internal bool Decide(DateTimeOffset now, List<Span> chunk)
    {
        var priority = PriorityOf(chunk);
        var hasPriority = priority != SamplingPriority.None;
        if (!hasPriority && !_options.MayDrop && _rareSampler is null)
        {
            return true;
        }

        var root = TraceChunks.RootOf(chunk);
        var env = EnvOf(chunk, root);
        var rare = _rareSampler?.Sample(now, chunk, env, priority) ?? false;
        if (hasPriority)
        {
            var tracerKeeps = _prioritySampler.Sample(now, root, env, priority);
            if (!_options.HonorPriority)
            {
                return true;
            }

            if (priority < 0)
            {
                // A user reject: the agent drops it without asking the rare or errors samplers.
                return false;
            }

            return rare || tracerKeeps || (HasError(chunk) && _errorsSampler.Sample(now, chunk, root, env));
        }

        if (rare)
        {
            return true;
        }

        if (_probabilisticSampler is null)
        {
            return true;
        }

        if (_probabilisticSampler.Keeps(root.TraceId))
        {
            SamplingSpanView.SetMetric(root, SamplingTags.ProbabilisticRate, _probabilisticSampler.Rate);
            return true;
        }

        return HasError(chunk) && _errorsSampler.Sample(now, chunk, root, env);
    }

    /// <summary>The tracer's priority: the Datadog chunk's, else a span's <c>sampling.priority</c> attribute.</summary>
    internal static int PriorityOf(List<Span> chunk)
    {
        var first = chunk[0];
        if (first.Datadog is { Derived: false } info && info.Chunk.Priority != SamplingPriority.None)
        {
            return info.Chunk.Priority;
        }

        foreach (var span in chunk)
        {
            if (span.TryGetAttribute(SamplingTags.OtelSamplingPriority, out var value))
            {
                switch (value.Type)
                {
                    case AnyValueType.Int:
                        return (int)Math.Clamp(value.AsInt(), -127, 127);
                    case AnyValueType.Double when !double.IsNaN(value.AsDouble()):
                        return (int)Math.Clamp(value.AsDouble(), -127, 127);
                    case AnyValueType.String when int.TryParse(value.AsString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed):
                        return Math.Clamp(parsed, -127, 127);
                }
            }
        }

        return SamplingPriority.None;
    }

    /// <summary>The trace's env: the root's <c>env</c> tag, the tracer payload's env, the resource's deployment environment, else <c>none</c>.</summary>
    internal static string EnvOf(List<Span> chunk, Span root)
    {
        if (SamplingSpanView.TryGetMeta(root, SamplingTags.Env, out var env) && env.Length > 0)
        {
            return env;
        }

        if (root.Datadog is { } info && info.Payload.Env.Length > 0)
        {
            return info.Payload.Env;
        }

        foreach (var key in (ReadOnlySpan<string>)["deployment.environment.name", "deployment.environment"])
        {
            foreach (var attribute in root.Resource.Attributes)
            {
                if (attribute.Key == key && attribute.Value.Type == AnyValueType.String && attribute.Value.AsString().Length > 0)
                {
                    return attribute.Value.AsString();
                }
            }
        }

        return SamplingTags.DefaultEnv;
    }

    private static bool HasTracerChunks(List<Span> spans)
    {
        foreach (var span in spans)
        {
            if (span.Datadog is { Derived: false } || span.TryGetAttribute(SamplingTags.OtelSamplingPriority, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasError(List<Span> chunk)
    {
        foreach (var span in chunk)
        {
            if (SamplingSpanView.IsError(span))
            {
                return true;
            }
        }

        return false;
    }

    private static void RemoveDropped(List<Span> spans, TraceChunks chunks, bool[] keep)
    {
        var kept = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            if (keep[chunks.ChunkOf(i)])
            {
                spans[kept++] = spans[i];
            }
        }

        spans.RemoveRange(kept, spans.Count - kept);
    }
}
