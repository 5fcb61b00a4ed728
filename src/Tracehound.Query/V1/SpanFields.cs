using Tracehound.Model;

namespace Tracehound.Query.V1;

/// <summary>
/// The values span search and facets read from a span (with its Datadog view): the reserved
/// Datadog fields, and attributes looked up across the span, its Datadog tags and its resource.
/// </summary>
internal static class SpanFields
{
    private static readonly string[] EnvironmentKeys = ["deployment.environment.name", "deployment.environment", "env"];

    public static string Service(Span span) => span.Datadog?.Service is { Length: > 0 } service ? service : span.ServiceName;

    public static string Resource(Span span) => span.Datadog?.Resource is { Length: > 0 } resource ? resource : span.Name;

    public static string Operation(Span span) => span.Datadog?.Name is { Length: > 0 } name ? name : span.Name;

    public static string Type(Span span) => span.Datadog?.Type ?? string.Empty;

    public static bool IsError(Span span) => span.StatusCode == StatusCode.Error || span.Datadog?.Error == 1;

    public static string Status(Span span) => IsError(span) ? "error" : "ok";

    /// <summary>The tracer's env, else the resource's (or span's) <c>deployment.environment(.name)</c> or <c>env</c>.</summary>
    public static string Environment(Span span)
    {
        if (span.Datadog?.Payload.Env is { Length: > 0 } env)
        {
            return env;
        }

        foreach (var key in EnvironmentKeys)
        {
            if ((Find(span.Resource.Attributes, key) ?? Find(span.Attributes, key)) is { } value)
            {
                return value;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// The values of an attribute as text, from the span's attributes, its Datadog meta and metrics
    /// (so <c>http.status_code</c> is found on OpenTelemetry spans too), then its resource.
    /// A key may be on several of them; a term holds when any value matches.
    /// </summary>
    public static void CollectAttribute(Span span, string key, List<string> values)
    {
        Add(span.Attributes, key, values);
        if (span.Datadog is { } view)
        {
            if (view.Meta is { } meta)
            {
                Add(meta, key, values);
            }

            if (view.Metrics is { } metrics)
            {
                Add(metrics, key, values);
            }

            switch (key)
            {
                case "host" when view.Payload.Hostname.Length > 0:
                    values.Add(view.Payload.Hostname);
                    break;
                case "version" when view.Payload.AppVersion.Length > 0:
                    values.Add(view.Payload.AppVersion);
                    break;
            }
        }

        Add(span.Resource.Attributes, key, values);
        switch (key)
        {
            case "host":
                Add(span.Resource.Attributes, "host.name", values);
                break;
            case "version":
                Add(span.Resource.Attributes, "service.version", values);
                break;
        }
    }

    /// <summary>The first value of an attribute (see <see cref="CollectAttribute"/>), or null.</summary>
    public static string? FirstAttribute(Span span, string key) =>
        Find(span.Attributes, key) ?? (span.Datadog?.Meta is { } meta ? Find(meta, key) : null)
        ?? (span.Datadog?.Metrics is { } metrics ? Find(metrics, key) : null) ?? Find(span.Resource.Attributes, key);

    private static void Add(KeyValue[] attributes, string key, List<string> values)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == key)
            {
                values.Add(kv.Value.ToString());
            }
        }
    }

    private static string? Find(KeyValue[] attributes, string key)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == key)
            {
                return kv.Value.ToString();
            }
        }

        return null;
    }
}
