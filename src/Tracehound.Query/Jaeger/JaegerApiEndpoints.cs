using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Query.Http;
using Tracehound.Query.Logs;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Jaeger;

/// <summary>Jaeger's HTTP query API (<c>/api/...</c>, cmd/query/app/http_handler.go), as Jaeger UI and Grafana call it.</summary>
internal static class JaegerApiEndpoints
{
    public static async Task GetServicesAsync(HttpContext context)
    {
        var services = await Store(context).GetServicesAsync(context.RequestAborted).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        JaegerEnvelope.WriteStart(response.Writer);
        WriteStrings(response, services);
        JaegerEnvelope.WriteEnd(response.Writer, services.Count, null);
    }

    /// <summary><c>/api/services/{service}/operations</c>: operation names of every kind, each once.</summary>
    public static async Task GetServiceOperationsAsync(HttpContext context)
    {
        var service = UnescapeSlashes(context.Request.RouteValues["service"] as string ?? string.Empty);
        var operations = await Store(context).GetOperationsAsync(service, null, context.RequestAborted).ConfigureAwait(false);
        var names = new List<string>(operations.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (seen.Add(operation.Name))
            {
                names.Add(operation.Name);
            }
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        JaegerEnvelope.WriteStart(response.Writer);
        WriteStrings(response, names);
        JaegerEnvelope.WriteEnd(response.Writer, names.Count, null);
    }

    /// <summary><c>/api/operations?service=&amp;spanKind=</c>: <c>[{"name","spanKind"}]</c>.</summary>
    public static async Task GetOperationsAsync(HttpContext context)
    {
        string service;
        Model.SpanKind? kind;
        try
        {
            (service, kind) = OperationsQuery.Parse(context.Request.Query, "spanKind", "parameter 'service' is required");
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        var operations = await Store(context).GetOperationsAsync(service, kind, context.RequestAborted).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        JaegerEnvelope.WriteStart(writer);
        writer.WriteStartArray();
        foreach (var operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("name", operation.Name);
            writer.WriteString("spanKind", SpanKindNames.ToName(operation.Kind, string.Empty));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        JaegerEnvelope.WriteEnd(writer, operations.Count, null);
    }

    /// <summary><c>/api/traces/{traceID}</c>: <c>data</c> is a one-trace array; 404 when unknown, 400 when malformed.</summary>
    public static async Task GetTraceAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["traceID"] as string ?? string.Empty;
        if (!TraceIdParser.TryParse(text, out var id, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        var trace = await TraceIdParser.FindAsync(Store(context), id, context.RequestAborted).ConfigureAwait(false);
        if (trace is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "trace not found").ConfigureAwait(false);
            return;
        }

        var logCounts = await SpanLogCounts.ForTraceAsync(context, trace.TraceId).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        JaegerEnvelope.WriteStart(response.Writer);
        response.Writer.WriteStartArray();
        JaegerTraceWriter.Write(response.Writer, trace, logCounts);
        response.Writer.WriteEndArray();
        JaegerEnvelope.WriteEnd(response.Writer, 0, null);
    }

    /// <summary>
    /// <c>/api/traces</c>: a search, or with <c>traceID</c> parameters the listed traces (unknown ones
    /// reported in <c>errors</c> as <c>{"msg":"trace not found","traceID":...}</c>, as Jaeger does).
    /// </summary>
    public static async Task SearchAsync(HttpContext context)
    {
        JaegerSearchRequest request;
        try
        {
            var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
            request = JaegerSearchParser.Parse(context.Request.Query, now);
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        var store = Store(context);
        IReadOnlyList<TraceData> traces;
        List<JaegerError>? errors = null;
        if (request.Query is { } query)
        {
            traces = await store.FindTracesAsync(query, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            var found = new List<TraceData>(request.TraceIds.Count);
            foreach (var (text, id) in request.TraceIds)
            {
                var trace = await TraceIdParser.FindAsync(store, id, context.RequestAborted).ConfigureAwait(false);
                if (trace is null)
                {
                    (errors ??= []).Add(new JaegerError(0, "trace not found", text));
                }
                else
                {
                    found.Add(trace);
                }
            }

            traces = found;
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        JaegerEnvelope.WriteStart(response.Writer);
        response.Writer.WriteStartArray();
        foreach (var trace in traces)
        {
            JaegerTraceWriter.Write(response.Writer, trace);
            await response.SendIfLargeAsync().ConfigureAwait(false);
        }

        response.Writer.WriteEndArray();

        // Jaeger leaves total at 0 for traces.
        JaegerEnvelope.WriteEnd(response.Writer, 0, errors);
    }

    public static async Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        await using var response = JsonResponse.Start(context, statusCode);
        JaegerEnvelope.WriteError(response.Writer, statusCode, message);
    }

    internal static ITraceStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ITraceStore>();

    /// <summary>
    /// Routing decodes path segments except <c>%2F</c>; Jaeger unescapes the service segment, so a
    /// service name containing '/' can be asked for.
    /// </summary>
    private static string UnescapeSlashes(string segment) =>
        segment.Contains('%', StringComparison.Ordinal) ? segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : segment;

    private static void WriteStrings(JsonResponse response, IReadOnlyList<string> values)
    {
        response.Writer.WriteStartArray();
        foreach (var value in values)
        {
            response.Writer.WriteStringValue(value);
        }

        response.Writer.WriteEndArray();
    }
}
