using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Processing.Semantics;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// The web UI's reads of one trace: the compact timeline of all spans, one span in full, and the
/// spans matching a text. They read the stored spans without deriving every span's full Datadog
/// view (<see cref="DatadogViewTraceStore.Stored"/>): the timeline needs five of its fields, which
/// <see cref="TimelineSpanFields"/> computes alone, and a single span's view needs only its chunk.
/// Errors are <c>{"error":"..."}</c> as elsewhere in <c>/api/v1</c>.
/// </summary>
internal static class TraceTimelineEndpoints
{
    /// <summary>The rules used when the store is not wrapped in a <see cref="DatadogViewTraceStore"/> (tests).</summary>
    private static readonly DatadogSemanticsOptions s_defaultSemantics = new();

    /// <summary><c>GET /api/v1/traces/{traceId}/timeline</c>.</summary>
    public static async Task GetTimelineAsync(HttpContext context)
    {
        var (trace, semantics) = await ReadStoredTraceAsync(context).ConfigureAwait(false);
        if (trace is null)
        {
            return;
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        TraceTimelineWriter.Write(response.Writer, trace, new TimelineSpanFields(semantics));
    }

    /// <summary><c>GET /api/v1/traces/{traceId}/spans/{spanId}</c>: the span as in <c>/api/v1/traces/{id}</c>.</summary>
    public static async Task GetSpanAsync(HttpContext context)
    {
        var spanText = context.Request.RouteValues["spanId"] as string ?? string.Empty;
        if (!SpanId.TryParseHex(spanText, out var spanId) || spanId.IsEmpty)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"malformed span ID '{spanText}': expected 1 to 16 hex digits, not all zero").ConfigureAwait(false);
            return;
        }

        var (trace, _) = await ReadStoredTraceAsync(context).ConfigureAwait(false);
        if (trace is null)
        {
            return;
        }

        var span = Find(trace.Spans, spanId);
        if (span is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "span not found in the trace").ConfigureAwait(false);
            return;
        }

        if (span.Datadog is null && JaegerApiEndpoints.Store(context) is DatadogViewTraceStore view)
        {
            view.CompleteViews(ViewContext(trace.Spans, span));
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        TracehoundTraceWriter.WriteSpan(response.Writer, span);
    }

    /// <summary>
    /// <c>GET /api/v1/traces/{traceId}/find?text=</c>: ids of the spans (in trace order) whose name,
    /// Datadog service, operation, resource or type, span id, or an attribute key or value contains
    /// the text, ignoring case; the search the UI cannot run on the timeline alone.
    /// </summary>
    public static async Task FindAsync(HttpContext context)
    {
        var text = context.Request.Query["text"].ToString().Trim();
        if (text.Length == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "parameter 'text' is required").ConfigureAwait(false);
            return;
        }

        var (trace, semantics) = await ReadStoredTraceAsync(context).ConfigureAwait(false);
        if (trace is null)
        {
            return;
        }

        var fieldsOf = new TimelineSpanFields(semantics);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteString("traceId", trace.TraceId.ToHex());
        writer.WriteString("text", text);
        writer.WriteStartArray("spanIds");
        foreach (var span in trace.Spans)
        {
            if (TraceTextMatch.Matches(span, fieldsOf.Get(span), text))
            {
                writer.WriteStringValue(span.SpanId.ToHex());
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The spans the full view of <paramref name="span"/> depends on, in trace order: its parent
    /// (top-level flag) and every span of its resource (the chunk: sampling decision tag on its first span).
    /// </summary>
    internal static List<Span> ViewContext(IReadOnlyList<Span> spans, Span span)
    {
        var context = new List<Span>();
        foreach (var other in spans)
        {
            if (ReferenceEquals(other.Resource, span.Resource) ||
                (!span.ParentSpanId.IsEmpty && other.SpanId == span.ParentSpanId))
            {
                context.Add(other);
            }
        }

        return context;
    }

    private static Span? Find(IReadOnlyList<Span> spans, SpanId id)
    {
        foreach (var span in spans)
        {
            if (span.SpanId == id)
            {
                return span;
            }
        }

        return null;
    }

    /// <summary>The trace as stored (views only where a tracer sent them), or null after answering 400/404.</summary>
    private static async Task<(TraceData? Trace, DatadogSemanticsOptions Semantics)> ReadStoredTraceAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["traceId"] as string ?? string.Empty;
        if (!TraceIdParser.TryParse(text, out var id, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return (null, s_defaultSemantics);
        }

        var store = JaegerApiEndpoints.Store(context);
        var (stored, semantics) = store is DatadogViewTraceStore view ? (view.Stored, view.Semantics) : (store, s_defaultSemantics);
        var trace = await TraceIdParser.FindAsync(stored, id, context.RequestAborted).ConfigureAwait(false);
        if (trace is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "trace not found").ConfigureAwait(false);
        }

        return (trace, semantics);
    }

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        await using var response = JsonResponse.Start(context, statusCode);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("error", message);
        response.Writer.WriteEndObject();
    }
}
