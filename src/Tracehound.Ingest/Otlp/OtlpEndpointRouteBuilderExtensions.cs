using Microsoft.AspNetCore.Routing;
using Tracehound.Ingest.Otlp.Grpc;
using Tracehound.Ingest.Otlp.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OTLP receivers onto a listener.</summary>
public static class OtlpEndpointRouteBuilderExtensions
{
    /// <summary>OTLP/gRPC: <c>TraceService/Export</c>. Needs <c>AddGrpc()</c> on the services.</summary>
    public static IEndpointRouteBuilder MapOtlpGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OtlpTraceGrpcService>();
        return endpoints;
    }

    /// <summary>OTLP/HTTP: <c>POST /v1/traces</c> (protobuf or JSON, optionally compressed).</summary>
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", OtlpHttpTraceEndpoint.HandleAsync);
        return endpoints;
    }
}
