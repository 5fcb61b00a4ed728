using Tracehound.Model;
using Tracehound.Processing.Normalization;

namespace Tracehound.Processing.Semantics;

/// <summary>The Datadog operation name of an OpenTelemetry span (spec §3.3), V2 (default) and V1 (legacy) rules.</summary>
internal static class OtlpOperationName
{
    public static string V2(Span span)
    {
        var operationName = OtelAttributeLookup.Get(span, "operation.name");
        if (operationName.Length > 0)
        {
            return TagNormalizer.NormalizeTagValue(operationName);
        }

        var kind = span.Kind;
        var isClient = kind == SpanKind.Client;
        var isServer = kind == SpanKind.Server;
        if (OtelAttributeLookup.Get(span, "http.request.method", "http.method").Length > 0)
        {
            if (isServer)
            {
                return "http.server.request";
            }

            if (isClient)
            {
                return "http.client.request";
            }
        }

        if (isClient)
        {
            var dbSystem = Normalized(span, "db.system");
            if (dbSystem.Length > 0)
            {
                return JoinedStringCache.Join(dbSystem, ".", "query");
            }
        }

        if (kind is SpanKind.Client or SpanKind.Server or SpanKind.Consumer or SpanKind.Producer)
        {
            var system = Normalized(span, "messaging.system");
            var operation = Normalized(span, "messaging.operation", "messaging.operation.type");
            if (system.Length > 0 && operation.Length > 0)
            {
                return JoinedStringCache.Join(system, ".", operation);
            }
        }

        var rpcSystem = Normalized(span, "rpc.system");
        if (rpcSystem.Length > 0)
        {
            if (isClient && rpcSystem == "aws-api")
            {
                var service = Normalized(span, "rpc.service");
                return service.Length > 0 ? JoinedStringCache.Join("aws.", service, ".request") : "aws.client.request";
            }

            if (isClient)
            {
                return JoinedStringCache.Join(rpcSystem, ".", "client.request");
            }

            if (isServer)
            {
                return JoinedStringCache.Join(rpcSystem, ".", "server.request");
            }
        }

        if (isClient)
        {
            var provider = Normalized(span, "faas.invoked_provider");
            var invoked = Normalized(span, "faas.invoked_name");
            if (provider.Length > 0 && invoked.Length > 0)
            {
                return string.Concat(provider, ".", invoked, ".invoke");
            }
        }

        if (isServer)
        {
            var trigger = Normalized(span, "faas.trigger");
            if (trigger.Length > 0)
            {
                return JoinedStringCache.Join(trigger, ".", "invoke");
            }
        }

        if (OtelAttributeLookup.Get(span, "graphql.operation.type").Length > 0)
        {
            return "graphql.server.request";
        }

        if (isServer || isClient)
        {
            var protocol = Normalized(span, "network.protocol.name");
            var suffix = isServer ? "server.request" : "client.request";
            return protocol.Length > 0 ? JoinedStringCache.Join(protocol, ".", suffix) : suffix;
        }

        return kind switch
        {
            SpanKind.Producer => "Producer",
            SpanKind.Consumer => "Consumer",
            _ => "Internal",
        };
    }

    public static string V1(Span span, bool spanNameAsResourceName)
    {
        var operationName = OtelAttributeLookup.Get(span, "operation.name");
        if (operationName.Length > 0)
        {
            return operationName;
        }

        if (spanNameAsResourceName)
        {
            return span.Name;
        }

        var kind = KindName(span.Kind);
        return JoinedStringCache.Join(span.Scope.Name.Length > 0 ? span.Scope.Name : "opentelemetry", ".", kind);
    }

    /// <summary>The kind as the agent prints it in <c>span.kind</c> and V1 names.</summary>
    public static string KindName(SpanKind kind) => kind switch
    {
        SpanKind.Internal => "internal",
        SpanKind.Server => "server",
        SpanKind.Client => "client",
        SpanKind.Producer => "producer",
        SpanKind.Consumer => "consumer",
        _ => "unspecified",
    };

    private static string Normalized(Span span, string key) => TagNormalizer.NormalizeTagValue(OtelAttributeLookup.Get(span, key));

    private static string Normalized(Span span, string key, string fallbackKey) =>
        TagNormalizer.NormalizeTagValue(OtelAttributeLookup.Get(span, key, fallbackKey));
}
