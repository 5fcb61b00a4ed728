using Serilog.Configuration;
using Tracehound.Logging;
using Tracehound.Logging.Serilog;

namespace Serilog;

/// <summary>Adds trace-log correlation to Serilog.</summary>
public static class TracehoundSerilogExtensions
{
    /// <summary>Enriches every event written inside an activity with the Datadog and OpenTelemetry correlation properties.</summary>
    /// <param name="enrich">The logger configuration's enrichment.</param>
    /// <param name="configure">Sets the service, env and version (else taken from DD_* or OTEL_* environment variables).</param>
    /// <returns>The logger configuration.</returns>
    public static LoggerConfiguration WithTracehoundCorrelation(this LoggerEnrichmentConfiguration enrich, Action<TracehoundCorrelationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(enrich);
        var options = new TracehoundCorrelationOptions();
        configure?.Invoke(options);
        return enrich.With(new TracehoundCorrelationEnricher(options));
    }
}
