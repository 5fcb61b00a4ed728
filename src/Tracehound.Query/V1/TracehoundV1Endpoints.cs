using Microsoft.AspNetCore.Http;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Logs;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.V1;

/// <summary>Tracehound's own API (<c>/api/v1/...</c>); errors are <c>{"error":"..."}</c>.</summary>
internal static class TracehoundV1Endpoints
{
    public static async Task GetTraceAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["traceId"] as string ?? string.Empty;
        if (!TraceIdParser.TryParse(text, out var id, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        var trace = await TraceIdParser.FindAsync(JaegerApiEndpoints.Store(context), id, context.RequestAborted).ConfigureAwait(false);
        if (trace is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "trace not found").ConfigureAwait(false);
            return;
        }

        var logCounts = await SpanLogCounts.ForTraceAsync(context, trace.TraceId).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        TracehoundTraceWriter.Write(response.Writer, trace, logCounts);
    }

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        await using var response = JsonResponse.Start(context, statusCode);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("error", message);
        response.Writer.WriteEndObject();
    }
}
