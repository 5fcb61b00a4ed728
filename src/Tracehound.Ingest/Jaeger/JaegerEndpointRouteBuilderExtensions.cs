using Microsoft.AspNetCore.Routing;
using Tracehound.Ingest.Jaeger.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Jaeger collector's HTTP API onto a listener.</summary>
public static class JaegerEndpointRouteBuilderExtensions
{
    /// <summary><c>POST /api/traces</c> (Thrift binary <c>Batch</c>). Needs a <c>JaegerIntakeService</c> singleton.</summary>
    public static IEndpointRouteBuilder MapJaegerCollector(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/traces", JaegerHttpEndpoint.HandleAsync);
        return endpoints;
    }
}
