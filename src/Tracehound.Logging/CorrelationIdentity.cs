namespace Tracehound.Logging;

/// <summary>The resolved service, env and version, and which fields to write: fixed once at startup.</summary>
internal sealed class CorrelationIdentity
{
    private CorrelationIdentity(string? service, string? env, string? version, bool datadog, bool openTelemetry)
    {
        Service = service;
        Env = env;
        Version = version;
        Datadog = datadog;
        OpenTelemetry = openTelemetry;
    }

    public string? Service { get; }

    public string? Env { get; }

    public string? Version { get; }

    public bool Datadog { get; }

    public bool OpenTelemetry { get; }

    public static CorrelationIdentity Resolve(TracehoundCorrelationOptions options, Func<string, string?> environment)
    {
        var resource = ParseResourceAttributes(environment("OTEL_RESOURCE_ATTRIBUTES"));
        return new CorrelationIdentity(
            First(options.Service, environment("DD_SERVICE"), environment("OTEL_SERVICE_NAME"), resource.GetValueOrDefault("service.name")),
            First(options.Env, environment("DD_ENV"), resource.GetValueOrDefault("deployment.environment.name"), resource.GetValueOrDefault("deployment.environment")),
            First(options.Version, environment("DD_VERSION"), resource.GetValueOrDefault("service.version")),
            options.IncludeDatadogFields,
            options.IncludeOpenTelemetryFields);
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    /// <summary><c>k=v,k2=v2</c> with percent-encoded values, as the OpenTelemetry SDKs read it.</summary>
    private static Dictionary<string, string> ParseResourceAttributes(string? text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return attributes;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                attributes[pair[..equals].Trim()] = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
            }
        }

        return attributes;
    }
}
