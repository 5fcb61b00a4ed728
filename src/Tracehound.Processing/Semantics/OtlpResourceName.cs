using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>The Datadog resource of an OpenTelemetry span (spec §3.3); truncation is normalization's job.</summary>
internal static class OtlpResourceName
{
    public static string V2(Span span) => Compute(span, v1: false);

    public static string V1(Span span) => Compute(span, v1: true);

    private static string Compute(Span span, bool v1)
    {
        var resourceName = OtelAttributeLookup.Get(span, "resource.name");
        if (resourceName.Length > 0)
        {
            return resourceName;
        }

        var method = OtelAttributeLookup.Get(span, "http.request.method", "http.method");
        if (method.Length > 0)
        {
            if (method == "_OTHER")
            {
                method = "HTTP";
            }

            if (v1 || span.Kind == SpanKind.Server)
            {
                var route = OtelAttributeLookup.Get(span, "http.route");
                if (route.Length == 0 && v1)
                {
                    route = OtelAttributeLookup.Get(span, "grpc.path");
                }

                return route.Length > 0 ? JoinedStringCache.Join(method, " ", route) : method;
            }

            return method;
        }

        var operation = OtelAttributeLookup.Get(span, "messaging.operation", "messaging.operation.type");
        if (operation.Length > 0)
        {
            var destination = OtelAttributeLookup.Get(span, "messaging.destination", "messaging.destination.name");
            return destination.Length > 0 ? JoinedStringCache.Join(operation, " ", destination) : operation;
        }

        var rpcMethod = OtelAttributeLookup.Get(span, "rpc.method");
        if (rpcMethod.Length > 0)
        {
            var service = OtelAttributeLookup.Get(span, "rpc.service");
            return service.Length > 0 ? JoinedStringCache.Join(rpcMethod, " ", service) : rpcMethod;
        }

        var graphqlType = OtelAttributeLookup.Get(span, "graphql.operation.type");
        if (graphqlType.Length > 0)
        {
            var graphqlName = OtelAttributeLookup.Get(span, "graphql.operation.name");
            return graphqlName.Length > 0 ? JoinedStringCache.Join(graphqlType, " ", graphqlName) : graphqlType;
        }

        if (!v1 && OtelAttributeLookup.Get(span, "db.system").Length > 0)
        {
            var statement = OtelAttributeLookup.Get(span, "db.query.text", "db.statement");
            if (statement.Length > 0)
            {
                return statement;
            }
        }

        return span.Name;
    }
}
