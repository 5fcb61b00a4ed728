using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Jaeger.Metrics;
using Tracehound.Query.Logs;
using Tracehound.Query.Otlp;
using Tracehound.Query.Stats;
using Tracehound.Query.V1;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the query API (Jaeger-compatible <c>/api/...</c>, <c>/api/v3/...</c> and Tracehound's <c>/api/v1/...</c>).</summary>
public static class QueryApiEndpointRouteBuilderExtensions
{
    /// <summary>Answers unexpected query failures with a 500 in Jaeger's JSON envelope; call before the endpoints run.</summary>
    public static IApplicationBuilder UseQueryApiErrors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<Tracehound.Query.Http.QueryErrorMiddleware>();
    }

    /// <summary>Maps every query endpoint; handlers resolve <c>Tracehound.Storage.ITraceStore</c> (and, for logs and log counts, <c>ILogStore</c>) from DI.</summary>
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // RequestDelegate handlers: no reflection-based parameter binding or result serialization.
        endpoints.MapGet("/api/services", new RequestDelegate(JaegerApiEndpoints.GetServicesAsync));
        endpoints.MapGet("/api/services/{service}/operations", new RequestDelegate(JaegerApiEndpoints.GetServiceOperationsAsync));
        endpoints.MapGet("/api/operations", new RequestDelegate(JaegerApiEndpoints.GetOperationsAsync));
        endpoints.MapGet("/api/traces", new RequestDelegate(JaegerApiEndpoints.SearchAsync));
        endpoints.MapGet("/api/traces/{traceID}", new RequestDelegate(JaegerApiEndpoints.GetTraceAsync));
        endpoints.MapGet("/api/dependencies", new RequestDelegate(JaegerDependenciesEndpoint.GetAsync));

        endpoints.MapGet("/api/v3/services", new RequestDelegate(ApiV3Endpoints.GetServicesAsync));
        endpoints.MapGet("/api/v3/operations", new RequestDelegate(ApiV3Endpoints.GetOperationsAsync));
        endpoints.MapGet("/api/v3/traces", new RequestDelegate(ApiV3Endpoints.FindTracesAsync));
        endpoints.MapGet("/api/v3/traces/{trace_id}", new RequestDelegate(ApiV3Endpoints.GetTraceAsync));

        endpoints.MapGet("/api/v1/traces/{traceId}", new RequestDelegate(TracehoundV1Endpoints.GetTraceAsync));
        endpoints.MapGet("/api/v1/traces/{traceId}/timeline", new RequestDelegate(TraceTimelineEndpoints.GetTimelineAsync));
        endpoints.MapGet("/api/v1/traces/{traceId}/spans/{spanId}", new RequestDelegate(TraceTimelineEndpoints.GetSpanAsync));
        endpoints.MapGet("/api/v1/traces/{traceId}/find", new RequestDelegate(TraceTimelineEndpoints.FindAsync));
        endpoints.MapGet("/api/v1/spans", new RequestDelegate(SpanSearchEndpoint.GetAsync));

        // APM stats (resolve Tracehound.Query.Stats.StatsQueryService from DI; 501 without it).
        endpoints.MapGet("/api/v1/services", new RequestDelegate(StatsEndpoints.GetServicesAsync));
        endpoints.MapGet("/api/v1/services/{service}/resources", new RequestDelegate(StatsEndpoints.GetResourcesAsync));
        endpoints.MapGet("/api/v1/stats", new RequestDelegate(StatsEndpoints.GetSeriesAsync));
        endpoints.MapGet("/api/metrics/calls", new RequestDelegate(JaegerMetricsEndpoints.GetCallsAsync));
        endpoints.MapGet("/api/metrics/errors", new RequestDelegate(JaegerMetricsEndpoints.GetErrorsAsync));
        endpoints.MapGet("/api/metrics/latencies", new RequestDelegate(JaegerMetricsEndpoints.GetLatenciesAsync));
        endpoints.MapGet("/api/metrics/minstep", new RequestDelegate(JaegerMetricsEndpoints.GetMinStepAsync));
        endpoints.MapGet("/api/v1/traces/{traceId}/logs", new RequestDelegate(TraceLogsEndpoint.GetAsync));
        endpoints.MapGet("/api/v1/logs", new RequestDelegate(LogSearchEndpoint.GetAsync));
        endpoints.MapGet("/api/v1/spans/facets", new RequestDelegate(SpanFacetsEndpoint.GetAsync));
        endpoints.MapGet("/api/v1/traces", new RequestDelegate(TraceSearchEndpoint.GetAsync));
        return endpoints;
    }
}
