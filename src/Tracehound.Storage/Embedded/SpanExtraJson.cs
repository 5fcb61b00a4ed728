using System.Buffers;
using System.Text;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// The one <c>extra</c> column that folds the span fields searches rarely touch (trace state,
/// dropped counts, status message, events, links), so a typical span appends a NULL instead of
/// seven values. Event attributes sit at <c>$.ev[*].a</c> so tag search can reach them.
/// </summary>
internal static class SpanExtraJson
{
    private static ReadOnlySpan<byte> TraceState => "ts"u8;

    private static ReadOnlySpan<byte> DroppedAttributes => "da"u8;

    private static ReadOnlySpan<byte> DroppedEvents => "de"u8;

    private static ReadOnlySpan<byte> DroppedLinks => "dl"u8;

    private static ReadOnlySpan<byte> StatusMessage => "sm"u8;

    private static ReadOnlySpan<byte> Events => "ev"u8;

    private static ReadOnlySpan<byte> Links => "l"u8;

    private static ReadOnlySpan<byte> Time => "t"u8;

    private static ReadOnlySpan<byte> Name => "n"u8;

    private static ReadOnlySpan<byte> Attributes => "a"u8;

    private static ReadOnlySpan<byte> Dropped => "d"u8;

    private static ReadOnlySpan<byte> TraceHigh => "th"u8;

    private static ReadOnlySpan<byte> TraceLow => "tl"u8;

    private static ReadOnlySpan<byte> SpanIdKey => "s"u8;

    private static ReadOnlySpan<byte> Flags => "f"u8;

    public static bool IsNeeded(Span span) =>
        span.TraceState.Length > 0 || span.DroppedAttributesCount > 0 || span.DroppedEventsCount > 0 ||
        span.DroppedLinksCount > 0 || span.StatusMessage.Length > 0 || span.Events.Length > 0 || span.Links.Length > 0 ||
        span.Datadog is { Derived: false };

    /// <summary>The column's text, or null when every folded field has its default.</summary>
    public static string? Write(Span span, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        if (!IsNeeded(span))
        {
            return null;
        }

        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        if (span.TraceState.Length > 0)
        {
            writer.WriteString(TraceState, span.TraceState);
        }

        WriteCount(writer, DroppedAttributes, span.DroppedAttributesCount);
        WriteCount(writer, DroppedEvents, span.DroppedEventsCount);
        WriteCount(writer, DroppedLinks, span.DroppedLinksCount);
        if (span.StatusMessage.Length > 0)
        {
            writer.WriteString(StatusMessage, span.StatusMessage);
        }

        if (span.Events.Length > 0)
        {
            writer.WriteStartArray(Events);
            foreach (var e in span.Events)
            {
                writer.WriteStartObject();
                writer.WriteNumber(Time, e.TimeUnixNano);
                writer.WriteString(Name, e.Name);
                if (e.Attributes.Length > 0)
                {
                    writer.WritePropertyName(Attributes);
                    TypedJson.WriteAttributes(writer, e.Attributes);
                }

                WriteCount(writer, Dropped, e.DroppedAttributesCount);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (span.Links.Length > 0)
        {
            writer.WriteStartArray(Links);
            foreach (var l in span.Links)
            {
                writer.WriteStartObject();
                writer.WriteNumber(TraceHigh, l.TraceId.High);
                writer.WriteNumber(TraceLow, l.TraceId.Low);
                writer.WriteNumber(SpanIdKey, l.SpanId.Value);
                if (l.TraceState.Length > 0)
                {
                    writer.WriteString(TraceState, l.TraceState);
                }

                if (l.Attributes.Length > 0)
                {
                    writer.WritePropertyName(Attributes);
                    TypedJson.WriteAttributes(writer, l.Attributes);
                }

                WriteCount(writer, Dropped, l.DroppedAttributesCount);
                WriteCount(writer, Flags, l.Flags);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // A derived Datadog view is recomputed on read (see DatadogSpanInfo.Derived), not stored.
        if (span.Datadog is { Derived: false } datadog)
        {
            writer.WritePropertyName(DatadogExtraJson.PropertyName);
            DatadogExtraJson.Write(writer, datadog);
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Sets the folded fields of <paramref name="span"/> from the column's text.</summary>
    public static void Read(string text, Span span)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), TypedJson.ReadOptions);
        Next(ref reader);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TraceState))
            {
                Next(ref reader);
                span.TraceState = reader.GetString()!;
            }
            else if (reader.ValueTextEquals(DroppedAttributes))
            {
                Next(ref reader);
                span.DroppedAttributesCount = reader.GetUInt32();
            }
            else if (reader.ValueTextEquals(DroppedEvents))
            {
                Next(ref reader);
                span.DroppedEventsCount = reader.GetUInt32();
            }
            else if (reader.ValueTextEquals(DroppedLinks))
            {
                Next(ref reader);
                span.DroppedLinksCount = reader.GetUInt32();
            }
            else if (reader.ValueTextEquals(StatusMessage))
            {
                Next(ref reader);
                span.StatusMessage = reader.GetString()!;
            }
            else if (reader.ValueTextEquals(Events))
            {
                Next(ref reader);
                var events = new List<SpanEvent>();
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    events.Add(ReadEvent(ref reader));
                }

                span.Events = [.. events];
            }
            else if (reader.ValueTextEquals(Links))
            {
                Next(ref reader);
                var links = new List<SpanLink>();
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    links.Add(ReadLink(ref reader));
                }

                span.Links = [.. links];
            }
            else if (reader.ValueTextEquals(DatadogExtraJson.PropertyName))
            {
                Next(ref reader);
                span.Datadog = DatadogExtraJson.Read(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
    }

    private static SpanEvent ReadEvent(ref Utf8JsonReader reader)
    {
        long time = 0;
        var name = string.Empty;
        KeyValue[] attributes = [];
        uint dropped = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Time))
            {
                Next(ref reader);
                time = reader.GetInt64();
            }
            else if (reader.ValueTextEquals(Name))
            {
                Next(ref reader);
                name = reader.GetString()!;
            }
            else if (reader.ValueTextEquals(Attributes))
            {
                Next(ref reader);
                attributes = TypedJson.ReadAttributes(ref reader);
            }
            else if (reader.ValueTextEquals(Dropped))
            {
                Next(ref reader);
                dropped = reader.GetUInt32();
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return new SpanEvent(time, name, attributes, dropped);
    }

    private static SpanLink ReadLink(ref Utf8JsonReader reader)
    {
        ulong high = 0, low = 0, spanId = 0;
        var traceState = string.Empty;
        KeyValue[] attributes = [];
        uint dropped = 0, flags = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TraceHigh))
            {
                Next(ref reader);
                high = reader.GetUInt64();
            }
            else if (reader.ValueTextEquals(TraceLow))
            {
                Next(ref reader);
                low = reader.GetUInt64();
            }
            else if (reader.ValueTextEquals(SpanIdKey))
            {
                Next(ref reader);
                spanId = reader.GetUInt64();
            }
            else if (reader.ValueTextEquals(TraceState))
            {
                Next(ref reader);
                traceState = reader.GetString()!;
            }
            else if (reader.ValueTextEquals(Attributes))
            {
                Next(ref reader);
                attributes = TypedJson.ReadAttributes(ref reader);
            }
            else if (reader.ValueTextEquals(Dropped))
            {
                Next(ref reader);
                dropped = reader.GetUInt32();
            }
            else if (reader.ValueTextEquals(Flags))
            {
                Next(ref reader);
                flags = reader.GetUInt32();
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return new SpanLink(new TraceId(high, low), new SpanId(spanId), traceState, attributes, dropped, flags);
    }

    private static void WriteCount(Utf8JsonWriter writer, ReadOnlySpan<byte> name, uint count)
    {
        if (count > 0)
        {
            writer.WriteNumber(name, count);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new FormatException("Stored span extras ended early.");
        }

        return reader.TokenType;
    }
}
