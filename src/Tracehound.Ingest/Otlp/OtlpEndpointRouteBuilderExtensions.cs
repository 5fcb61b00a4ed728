using Microsoft.AspNetCore.Routing;
using Tracehound.Ingest.Otlp.Grpc;
using Tracehound.Ingest.Otlp.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OTLP receivers onto a listener.</summary>
public static class OtlpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// OTLP/gRPC: <c>TraceService/Export</c> and <c>LogsService/Export</c>. Needs <c>AddGrpc()</c> and
    /// the <c>OtlpTraceService</c> and <c>OtlpLogsService</c> on the services.
    /// </summary>
    public static IEndpointRouteBuilder MapOtlpGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OtlpTraceGrpcService>();
        endpoints.MapGrpcService<OtlpLogsGrpcService>();
        return endpoints;
    }

    /// <summary>
    /// OTLP/HTTP: <c>POST /v1/traces</c> and <c>POST /v1/logs</c> (protobuf or JSON, optionally
    /// compressed); <c>/v1/logs</c> answers 404 unless an <c>OtlpLogsService</c> is registered.
    /// </summary>
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", OtlpHttpTraceEndpoint.HandleAsync);
        endpoints.MapPost("/v1/logs", new Microsoft.AspNetCore.Http.RequestDelegate(OtlpHttpLogsEndpoint.HandleAsync));
        return endpoints;
    }
}
