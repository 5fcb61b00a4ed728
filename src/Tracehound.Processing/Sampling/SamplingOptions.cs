namespace Tracehound.Processing.Sampling;

/// <summary>Trace-level sampling settings (docs/SAMPLING.md). The defaults keep every trace.</summary>
public sealed class SamplingOptions
{
    /// <summary>
    /// Percentage of traces without a tracer priority kept by the agent's probabilistic sampler
    /// (OTLP, Zipkin and Jaeger traces; Datadog chunks that carry no priority). 100 keeps all.
    /// </summary>
    public double Percentage { get; init; } = 100;

    /// <summary>The probabilistic sampler's hash seed (the agent's <c>probabilistic_sampler.hash_seed</c>).</summary>
    public uint HashSeed { get; init; }

    /// <summary>Hash the full 128-bit trace id (the agent's <c>probabilistic_sampler_full_trace_id</c>) instead of its low 64 bits.</summary>
    public bool FullTraceId { get; init; }

    /// <summary>
    /// Drop traces whose tracer priority says drop (≤ 0), as the Datadog agent does; off ⇒ every
    /// trace with a priority is kept (the priority still feeds <c>rate_by_service</c>).
    /// </summary>
    public bool HonorPriority { get; init; }

    /// <summary>Traces per second the priority sampler's <c>rate_by_service</c> aims at (agent default 10).</summary>
    public double TargetTps { get; init; } = 10;

    /// <summary>Traces with errors per second the errors sampler may rescue from a drop; 0 disables it.</summary>
    public double ErrorsPerSecond { get; init; } = 10;

    /// <summary>Keep the first trace of a never-seen span signature (off by default, as in the agent).</summary>
    public bool RareEnabled { get; init; }

    /// <summary>Rare traces kept per second at most.</summary>
    public double RareTps { get; init; } = 5;

    /// <summary>How long a signature counts as seen after a rare trace was kept for it.</summary>
    public TimeSpan RareCooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True when some trace may be dropped (otherwise the processor only feeds <c>rate_by_service</c>).</summary>
    public bool MayDrop => Percentage < 100 || HonorPriority;
}
