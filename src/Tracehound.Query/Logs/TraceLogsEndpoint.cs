using Microsoft.AspNetCore.Http;
using Tracehound.Query.Parsing;
using Tracehound.Query.V1;

namespace Tracehound.Query.Logs;

/// <summary>
/// <c>GET /api/v1/traces/{traceId}/logs</c>: every log record of a trace, oldest first, as
/// <c>{"logs":[...]}</c> (empty when the trace has none). The id is any form
/// <see cref="TraceIdParser"/> reads; records that knew only the low 64 bits are included.
/// </summary>
internal static class TraceLogsEndpoint
{
    public static async Task GetAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["traceId"] as string ?? string.Empty;
        if (!TraceIdParser.TryParse(text, out var id, out var error))
        {
            await SpanSearchRequest.WriteErrorAsync(context, new QueryParameterException(error)).ConfigureAwait(false);
            return;
        }

        var store = LogSearchEndpoint.Store(context);
        var records = await store.GetTraceLogsAsync(id.Lookup, context.RequestAborted).ConfigureAwait(false);
        if (records.Count == 0 && id.DecimalFallback is { } fallback)
        {
            records = await store.GetTraceLogsAsync(fallback, context.RequestAborted).ConfigureAwait(false);
        }

        await LogSearchEndpoint.WriteLogsAsync(context, records).ConfigureAwait(false);
    }
}
