namespace Tracehound.Pipeline;

/// <summary>
/// The per-service sampling rates Datadog tracers read back from the agent API
/// (<c>rate_by_service</c> in every trace response). The sampler that learns the rates implements it;
/// the Datadog intake only reads it, so ingest does not depend on processing.
/// </summary>
public interface IServiceSampleRates
{
    /// <summary>
    /// The current rates as the serialized response body
    /// (<c>{"rate_by_service":{"service:S,env:E":r,...,"service:,env:":r}}</c>) and its version
    /// (echoed by tracers in <c>Datadog-Rates-Payload-Version</c>). Read on every trace request, so
    /// it must be a cheap read of a precomputed value; version and body always belong together.
    /// </summary>
    (string Version, byte[] Body) Current { get; }
}
