using Microsoft.AspNetCore.Routing;
using Tracehound.Ingest.Zipkin.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Zipkin's collector API onto a listener.</summary>
public static class ZipkinEndpointRouteBuilderExtensions
{
    /// <summary><c>POST /api/v2/spans</c> (JSON or proto3) and <c>POST /api/v1/spans</c> (JSON). Needs a <c>ZipkinIntakeService</c> singleton.</summary>
    public static IEndpointRouteBuilder MapZipkinCollector(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v2/spans", ZipkinHttpEndpoint.HandleV2Async);
        endpoints.MapPost("/api/v1/spans", ZipkinHttpEndpoint.HandleV1Async);
        return endpoints;
    }
}
