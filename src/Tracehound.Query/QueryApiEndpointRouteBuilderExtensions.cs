using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the query API (Jaeger-compatible <c>/api/...</c>, <c>/api/v3/...</c> and Tracehound's <c>/api/v1/...</c>).</summary>
public static class QueryApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every query endpoint; handlers resolve <c>Tracehound.Storage.ITraceStore</c> from DI.</summary>
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints) => throw new NotImplementedException();
}
