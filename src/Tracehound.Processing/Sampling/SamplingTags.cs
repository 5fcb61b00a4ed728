namespace Tracehound.Processing.Sampling;

/// <summary>Tag and metric names the Datadog samplers read and write (datadog-agent <c>pkg/trace/sampler</c>).</summary>
internal static class SamplingTags
{
    /// <summary>Tracer's cumulative sample rate on the root (weights counts by 1/rate).</summary>
    public const string GlobalRate = "_sample_rate";

    /// <summary>The agent API pre-sampler rate (weights counts by 1/rate).</summary>
    public const string PreSamplerRate = "_dd1.sr.rapre";

    public const string AgentRate = "_dd.agent_psr";
    public const string RuleRate = "_dd.rule_psr";

    /// <summary>Written by the priority sampler on kept roots that carry no rate of their own.</summary>
    public const string DeprecatedPriorityRate = "_sampling_priority_rate_v1";

    public const string ProbabilisticRate = "_dd.prob_sr";
    public const string ErrorsRate = "_dd.errors_sr";
    public const string Rare = "_dd.rare";
    public const string HttpStatusCode = "http.status_code";
    public const string ErrorType = "error.type";
    public const string Env = "env";

    /// <summary>OpenTelemetry span attribute carrying a Datadog sampling priority (spec §3.9).</summary>
    public const string OtelSamplingPriority = "sampling.priority";

    /// <summary>The environment when a trace names none (the agent's default env).</summary>
    public const string DefaultEnv = "none";
}
