using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Otlp;

/// <summary>
/// Jaeger v2's api_v3 HTTP gateway (cmd/query/app/apiv3/http_gateway.go): traces as OTLP/JSON in
/// <c>{"result":{"resourceSpans":[...]}}</c>, errors as <c>{"error":{"httpCode":N,"message":"..."}}</c>.
/// </summary>
internal static class ApiV3Endpoints
{
    public static async Task GetTraceAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["trace_id"] as string ?? string.Empty;
        if (!TraceIdParser.TryParse(text, out var id, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "malformed parameter trace_id: " + error).ConfigureAwait(false);
            return;
        }

        var trace = await TraceIdParser.FindAsync(JaegerApiEndpoints.Store(context), id, context.RequestAborted).ConfigureAwait(false);
        if (trace is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "trace not found").ConfigureAwait(false);
            return;
        }

        await WriteTracesAsync(context, [trace]).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/api/v3/traces?query.service_name=&amp;query.start_time_min=&amp;query.start_time_max=...</c>; both
    /// times are required (RFC 3339), as in Jaeger. Tracehound also reads <c>query.attributes</c> as
    /// Jaeger's <c>tags</c> (JSON or logfmt), which Jaeger's gateway does not.
    /// </summary>
    public static async Task FindTracesAsync(HttpContext context)
    {
        TraceQuery query;
        try
        {
            query = ParseFindTraces(context.Request.Query);
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        var traces = await JaegerApiEndpoints.Store(context).FindTracesAsync(query, context.RequestAborted).ConfigureAwait(false);
        if (traces.Count == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "No traces found").ConfigureAwait(false);
            return;
        }

        await WriteTracesAsync(context, traces).ConfigureAwait(false);
    }

    public static async Task GetServicesAsync(HttpContext context)
    {
        var services = await JaegerApiEndpoints.Store(context).GetServicesAsync(context.RequestAborted).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        response.Writer.WriteStartObject();
        response.Writer.WriteStartArray("services");
        foreach (var service in services)
        {
            response.Writer.WriteStringValue(service);
        }

        response.Writer.WriteEndArray();
        response.Writer.WriteEndObject();
    }

    /// <summary><c>/api/v3/operations?service=&amp;span_kind=</c>: <c>{"operations":[{"name","spanKind"}]}</c> (an empty kind left out, as protobuf JSON does).</summary>
    public static async Task GetOperationsAsync(HttpContext context)
    {
        string service;
        Model.SpanKind? kind;
        try
        {
            (service, kind) = OperationsQuery.Parse(context.Request.Query, "span_kind", "malformed parameter service: it is required");
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        var operations = await JaegerApiEndpoints.Store(context).GetOperationsAsync(service, kind, context.RequestAborted).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("operations");
        foreach (var operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("name", operation.Name);
            var kindName = SpanKindNames.ToName(operation.Kind, string.Empty);
            if (kindName.Length > 0)
            {
                writer.WriteString("spanKind", kindName);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static TraceQuery ParseFindTraces(IQueryCollection query)
    {
        var timeMin = First(query, "query.start_time_min");
        var timeMax = First(query, "query.start_time_max");
        if (timeMin is null || timeMax is null)
        {
            throw new QueryParameterException("query.start_time_min and query.start_time_max are required");
        }

        var limit = JaegerSearchParser.DefaultLimit;
        if ((First(query, "query.num_traces") ?? First(query, "query.search_depth")) is { } n)
        {
            if (!int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                throw new QueryParameterException($"malformed parameter query.num_traces: '{n}' is not an integer");
            }

            limit = limit <= 0 ? JaegerSearchParser.DefaultLimit : Math.Min(limit, JaegerSearchParser.MaxLimit);
        }

        long? minDuration = First(query, "query.duration_min") is { } min ? DurationParser.ParseParameter(min, "query.duration_min") : null;
        long? maxDuration = First(query, "query.duration_max") is { } max ? DurationParser.ParseParameter(max, "query.duration_max") : null;

        return new TraceQuery
        {
            ServiceName = First(query, "query.service_name"),
            OperationName = First(query, "query.operation_name"),
            Tags = TagParser.Parse([], query["query.attributes"]),
            StartTimeMinUnixNano = Rfc3339.ParseUnixNanos(timeMin, "query.start_time_min"),
            StartTimeMaxUnixNano = Rfc3339.ParseUnixNanos(timeMax, "query.start_time_max"),
            MinDurationNanos = minDuration is > 0 ? minDuration : null,
            MaxDurationNanos = maxDuration is > 0 ? maxDuration : null,
            Limit = limit,
        };
    }

    private static async Task WriteTracesAsync(HttpContext context, IReadOnlyList<TraceData> traces)
    {
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("result");
        writer.WriteStartArray("resourceSpans");
        foreach (var trace in traces)
        {
            OtlpJsonTraceWriter.WriteResourceSpans(writer, trace);
            await response.SendIfLargeAsync().ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        await using var response = JsonResponse.Start(context, statusCode);
        WriteError(response.Writer, statusCode, message);
    }

    internal static void WriteError(Utf8JsonWriter writer, int statusCode, string message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteNumber("httpCode", statusCode);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string? First(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }
}
