using Microsoft.AspNetCore.Routing;
using Tracehound.Ingest.Datadog.Http;
using Tracehound.Ingest.Datadog.Logs;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Datadog agent API (what tracers send to port 8126) onto a listener.</summary>
public static class DatadogEndpointRouteBuilderExtensions
{
    private static readonly string[] WriteMethods = ["PUT", "POST"];

    /// <summary>
    /// <c>/v0.3|v0.4|v0.5|v0.7/traces</c>, <c>/v0.3|v0.4/services</c>, <c>/v0.6/stats</c> (PUT or POST),
    /// <c>GET /info</c>, and <c>/telemetry/proxy/*</c>, <c>/evp_proxy/*</c> (accepted, discarded).
    /// <c>POST /api/v2/logs</c> (the Datadog HTTP log intake).
    /// Needs <c>DatadogIntakeService</c> and <c>DatadogLogIntakeService</c> singletons.
    /// </summary>
    public static IEndpointRouteBuilder MapDatadogAgent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/v0.3/traces", WriteMethods, DatadogTraceEndpoint.HandleV03Async);
        endpoints.MapMethods("/v0.4/traces", WriteMethods, DatadogTraceEndpoint.HandleV04Async);
        endpoints.MapMethods("/v0.5/traces", WriteMethods, DatadogTraceEndpoint.HandleV05Async);
        endpoints.MapMethods("/v0.7/traces", WriteMethods, DatadogTraceEndpoint.HandleV07Async);
        endpoints.MapMethods("/v0.3/services", WriteMethods, DatadogTraceEndpoint.HandleServicesAsync);
        endpoints.MapMethods("/v0.4/services", WriteMethods, DatadogTraceEndpoint.HandleServicesAsync);
        endpoints.MapMethods("/v0.6/stats", WriteMethods, DatadogTraceEndpoint.HandleStatsAsync);
        endpoints.MapGet("/info", DatadogTraceEndpoint.HandleInfoAsync);
        endpoints.MapPost("/api/v2/logs", DatadogLogEndpoint.HandleAsync);
        endpoints.Map("/telemetry/proxy/{**rest}", DatadogTraceEndpoint.HandleDiscardedProxyAsync);
        endpoints.Map("/evp_proxy/{**rest}", DatadogTraceEndpoint.HandleDiscardedProxyAsync);
        return endpoints;
    }
}
