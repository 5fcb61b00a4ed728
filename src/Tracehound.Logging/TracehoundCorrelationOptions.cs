namespace Tracehound.Logging;

/// <summary>
/// What the correlation fields say about the service. Each value left null is taken from the
/// environment: <c>DD_SERVICE</c> / <c>DD_ENV</c> / <c>DD_VERSION</c>, else <c>OTEL_SERVICE_NAME</c>
/// and <c>OTEL_RESOURCE_ATTRIBUTES</c> (<c>service.name</c>, <c>deployment.environment.name</c> or
/// <c>deployment.environment</c>, <c>service.version</c>).
/// </summary>
public sealed class TracehoundCorrelationOptions
{
    /// <summary>The service name, written as <c>dd.service</c>.</summary>
    public string? Service { get; set; }

    /// <summary>The environment (e.g. <c>prod</c>), written as <c>dd.env</c>.</summary>
    public string? Env { get; set; }

    /// <summary>The service version, written as <c>dd.version</c>.</summary>
    public string? Version { get; set; }

    /// <summary>Write <c>dd.trace_id</c> and <c>dd.span_id</c> (decimal of the low 64 bits) and <c>dd.service</c>/<c>dd.env</c>/<c>dd.version</c>. Default true.</summary>
    public bool IncludeDatadogFields { get; set; } = true;

    /// <summary>Write <c>trace_id</c> (32 hex) and <c>span_id</c> (16 hex). Default true.</summary>
    public bool IncludeOpenTelemetryFields { get; set; } = true;
}
