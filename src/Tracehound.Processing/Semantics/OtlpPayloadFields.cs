using Tracehound.Model;
using Tracehound.Processing.Normalization;

namespace Tracehound.Processing.Semantics;

/// <summary>The payload-level Datadog fields of one OpenTelemetry resource (spec §3.7): host, env, container, language.</summary>
internal static class OtlpPayloadFields
{
    public static DatadogPayloadInfo Create(Resource resource, string defaultHostname)
    {
        var attributes = resource.Attributes;
        var sdkVersion = OtelAttributeLookup.Find(attributes, "telemetry.sdk.version");
        return new DatadogPayloadInfo
        {
            Hostname = Hostname(attributes, defaultHostname),
            Env = TagNormalizer.NormalizeTag(FirstOf(attributes, "datadog.env", "deployment.environment.name", "deployment.environment")),
            AppVersion = FirstOf(attributes, "datadog.version", "service.version", string.Empty),
            ContainerId = FirstOf(attributes, "datadog.container_id", "container.id", "k8s.pod.uid"),
            LanguageName = OtelAttributeLookup.Find(attributes, "telemetry.sdk.language"),
            TracerVersion = sdkVersion.Length > 0 ? "otlp-" + sdkVersion : string.Empty,
        };
    }

    private static string Hostname(KeyValue[] attributes, string defaultHostname)
    {
        var datadogHost = OtelAttributeLookup.Find(attributes, "datadog.host");
        if (datadogHost.Length > 0)
        {
            return datadogHost;
        }

        // ECS Fargate tasks have no host: the task is the source.
        if (OtelAttributeLookup.Find(attributes, "cloud.platform") == "aws_ecs" &&
            OtelAttributeLookup.Find(attributes, "aws.ecs.launchtype") == "fargate")
        {
            return string.Empty;
        }

        foreach (var key in (ReadOnlySpan<string>)["host", "datadog.host.name"])
        {
            var value = OtelAttributeLookup.Find(attributes, key);
            if (IsValidHost(value))
            {
                return value;
            }
        }

        var node = OtelAttributeLookup.Find(attributes, "k8s.node.name");
        if (IsValidHost(node))
        {
            var cluster = OtelAttributeLookup.Find(attributes, "k8s.cluster.name");
            return cluster.Length > 0 ? node + "-" + cluster : node;
        }

        foreach (var key in (ReadOnlySpan<string>)["host.id", "host.name"])
        {
            var value = OtelAttributeLookup.Find(attributes, key);
            if (IsValidHost(value))
            {
                return value;
            }
        }

        return defaultHostname;
    }

    private static bool IsValidHost(string host) =>
        host.Length > 0 && host is not ("localhost" or "127.0.0.1" or "0.0.0.0" or "localhost.localdomain" or "localhost6.localdomain6" or "ip6-localhost");

    private static string FirstOf(KeyValue[] attributes, string first, string second, string third)
    {
        var value = OtelAttributeLookup.Find(attributes, first);
        if (value.Length == 0)
        {
            value = OtelAttributeLookup.Find(attributes, second);
        }

        if (value.Length == 0 && third.Length > 0)
        {
            value = OtelAttributeLookup.Find(attributes, third);
        }

        return value;
    }
}
