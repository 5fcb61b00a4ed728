using System.Text;
using Tracehound.Ingest.Datadog.Stats;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// The transport-neutral Datadog agent intake: decoded trace batches go through the pipeline (so
/// an answer means durable), client stats are kept, and it owns the answers tracers read back
/// (the rate_by_service body, the /info document and its state hash).
/// </summary>
public sealed class DatadogIntakeService
{
    /// <summary>The version of <see cref="RatesBody"/>; tracers echo it in <c>Datadog-Rates-Payload-Version</c>.</summary>
    public const string RatesVersion = "1";

    private readonly TracePipeline _pipeline;
    private readonly IServiceSampleRates? _sampleRates;

    /// <param name="sampleRates">The priority sampler's learned rates; null ⇒ the fixed <see cref="RatesBody"/> (keep everything).</param>
    public DatadogIntakeService(TracePipeline pipeline, DatadogStatsHolder stats, int receiverPort, IServiceSampleRates? sampleRates = null)
    {
        _pipeline = pipeline;
        _sampleRates = sampleRates;
        Stats = stats;
        Info = new DatadogInfoDocument(receiverPort);
    }

    public DatadogStatsHolder Stats { get; }

    internal DatadogInfoDocument Info { get; }

    /// <summary>
    /// <c>{"rate_by_service": ...}</c>: only the default entry at 1.0 (keep everything) until
    /// sampling computes real per-service rates.
    /// </summary>
    public static byte[] RatesBody { get; } = Encoding.UTF8.GetBytes("{\"rate_by_service\":{\"service:,env:\":1}}");

    /// <summary>The rates body tracers get in trace responses now, and its version.</summary>
    public (string Version, byte[] Body) CurrentRates => _sampleRates?.Current ?? (RatesVersion, RatesBody);

    public ValueTask<ExportResult> SubmitTracesAsync(SpanBatch batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? ValueTask.FromResult(ExportResult.Success) : _pipeline.ProcessAsync(batch, cancellationToken);

    public void SubmitStats(DatadogClientStatsPayload payload)
    {
        payload.ReceivedUnixNano = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        Stats.Add(payload);
    }
}
