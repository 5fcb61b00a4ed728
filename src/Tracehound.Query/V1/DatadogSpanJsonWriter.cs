using System.Globalization;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Query.V1;

/// <summary>
/// A span's Datadog view as JSON (<c>"datadog": {...}</c> in <c>/api/v1</c>): service, name, resource,
/// type, ids as decimal strings (64-bit ids do not fit a JavaScript number), error 0|1, top-level,
/// measured, meta and metrics (<c>_top_level</c> included as the agent sets it). <c>null</c> for a
/// span stored before it had one.
/// </summary>
internal static class DatadogSpanJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Span span)
    {
        if (span.Datadog is not { } info)
        {
            writer.WriteNull("datadog");
            return;
        }

        writer.WriteStartObject("datadog");
        writer.WriteString("service", info.Service);
        writer.WriteString("name", info.Name);
        writer.WriteString("resource", info.Resource);
        writer.WriteString("type", info.Type);
        writer.WriteString("traceId", span.TraceId.Low.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("spanId", span.SpanId.Value.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("parentId", span.ParentSpanId.Value.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("error", info.Error != 0 ? 1 : 0);
        writer.WriteBoolean("topLevel", info.TopLevel);
        writer.WriteBoolean("measured", info.Measured);

        // A Datadog tracer's span keeps its meta and metrics as its attributes (strings, doubles).
        writer.WriteStartObject("meta");
        var meta = info.Meta ?? span.Attributes;
        for (var i = 0; i < meta.Length; i++)
        {
            if ((info.Meta is not null || meta[i].Value.Type != AnyValueType.Double) && !IsRepeat(meta, i))
            {
                writer.WriteString(meta[i].Key, meta[i].Value.ToString());
            }
        }

        writer.WriteEndObject();

        writer.WriteStartObject("metrics");
        var metrics = info.Metrics ?? span.Attributes;
        var hasTopLevel = false;
        for (var i = 0; i < metrics.Length; i++)
        {
            var kv = metrics[i];
            if (kv.Value.Type is not (AnyValueType.Double or AnyValueType.Int) || IsRepeat(metrics, i))
            {
                continue;
            }

            hasTopLevel |= kv.Key == "_top_level";
            WriteNumber(writer, kv.Key, kv.Value.Type == AnyValueType.Int ? kv.Value.AsInt() : kv.Value.AsDouble());
        }

        if (info.TopLevel && !hasTopLevel)
        {
            writer.WriteNumber("_top_level", 1);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string key, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(key, value);
        }
        else
        {
            writer.WriteString(key, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static bool IsRepeat(KeyValue[] entries, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (entries[i].Key == entries[index].Key)
            {
                return true;
            }
        }

        return false;
    }
}
