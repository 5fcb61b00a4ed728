using System.Text.Json;
using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// The trace timeline (<c>/api/v1/traces/{id}/timeline</c>): per span only what a waterfall, a flame
/// graph, the critical path and a search by name need, as columns (one JSON array per field, index
/// = span) with every text replaced by its index in one shared string table. A 50,000-span trace is
/// a few MB this way instead of ~47 MB as whole spans, whose attributes are the bulk and appear
/// twice (as attributes and as Datadog meta); a span's attributes are fetched when it is opened.
/// </summary>
/// <remarks>
/// <c>parent</c> is the parent's index, <see cref="NoParent"/> for a root, <see cref="MissingParent"/>
/// when the parent id names a span not in the trace. <c>start</c> is nanoseconds after the trace's
/// first span (<c>"start"</c> at the top, unix nanoseconds), so every number stays well below 2^53.
/// </remarks>
internal static class TraceTimelineWriter
{
    public const int NoParent = -1;
    public const int MissingParent = -2;

    public static void Write(Utf8JsonWriter writer, TraceData trace, TimelineSpanFields fieldsOf)
    {
        var spans = trace.Spans;
        var n = spans.Count;
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Intern(string text)
        {
            if (!strings.TryGetValue(text, out var index))
            {
                index = table.Count;
                table.Add(text);
                strings.Add(text, index);
            }

            return index;
        }

        var indexById = new Dictionary<ulong, int>(n);
        var traceStart = long.MaxValue;
        for (var i = 0; i < n; i++)
        {
            indexById.TryAdd(spans[i].SpanId.Value, i);
            traceStart = Math.Min(traceStart, spans[i].StartTimeUnixNano);
        }

        // Fields first (one pass, one lookup of each text), then one array per field.
        var columns = new int[6 * n];
        var errors = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var span = spans[i];
            var fields = fieldsOf.Get(span);
            columns[i] = Intern(fields.Service);
            columns[n + i] = Intern(span.Name);
            columns[(2 * n) + i] = Intern(fields.Name);
            columns[(3 * n) + i] = Intern(fields.Resource);
            columns[(4 * n) + i] = Intern(fields.Type);
            columns[(5 * n) + i] = Intern(SpanKindNames.ToName(span.Kind, "unspecified"));
            errors[i] = fields.Error;
        }

        writer.WriteStartObject();
        writer.WriteString("traceId", trace.TraceId.ToHex());
        writer.WriteNumber("start", n == 0 ? 0 : traceStart);
        writer.WriteNumber("spanCount", n);
        writer.WriteStartArray("strings");
        foreach (var text in table)
        {
            writer.WriteStringValue(text);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("id");
        foreach (var span in spans)
        {
            writer.WriteStringValue(span.SpanId.ToHex());
        }

        writer.WriteEndArray();

        writer.WriteStartArray("parent");
        foreach (var span in spans)
        {
            writer.WriteNumberValue(ParentIndex(span, indexById));
        }

        writer.WriteEndArray();

        writer.WriteStartArray("startOffset");
        foreach (var span in spans)
        {
            writer.WriteNumberValue(span.StartTimeUnixNano - traceStart);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("duration");
        foreach (var span in spans)
        {
            writer.WriteNumberValue(span.DurationNanos);
        }

        writer.WriteEndArray();

        string[] names = ["service", "name", "operation", "resource", "type", "kind"];
        for (var c = 0; c < names.Length; c++)
        {
            writer.WriteStartArray(names[c]);
            for (var i = 0; i < n; i++)
            {
                writer.WriteNumberValue(columns[(c * n) + i]);
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("error");
        foreach (var error in errors)
        {
            writer.WriteNumberValue(error ? 1 : 0);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int ParentIndex(Span span, Dictionary<ulong, int> indexById)
    {
        // A span naming itself as its parent is a root (Datadog normalization does the same when the id is also the trace's low half).
        if (span.ParentSpanId.IsEmpty || span.ParentSpanId == span.SpanId)
        {
            return NoParent;
        }

        return indexById.TryGetValue(span.ParentSpanId.Value, out var parent) ? parent : MissingParent;
    }
}
