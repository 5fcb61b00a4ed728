using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// The Datadog fields of a span (<see cref="DatadogSpanInfo"/>) inside the <c>extra</c> column, under
/// <c>$.dd</c>. Meta and metrics are written only when they are not the span's attributes
/// (spans mapped from OpenTelemetry, or tags changed by normalization). Empty values
/// are left out; chunk and payload fields are written per span (the column has no sharing).
/// </summary>
internal static class DatadogExtraJson
{
    public static ReadOnlySpan<byte> PropertyName => "dd"u8;

    public static void Write(Utf8JsonWriter writer, DatadogSpanInfo info)
    {
        writer.WriteStartObject();
        Text(writer, "svc", info.Service);
        Text(writer, "name", info.Name);
        Text(writer, "res", info.Resource);
        Text(writer, "type", info.Type);
        if (info.Error != 0)
        {
            writer.WriteNumber("err", info.Error);
        }

        Attributes(writer, "ms", info.MetaStruct);
        if (info.Meta is { } meta)
        {
            writer.WritePropertyName("meta");
            TypedJson.WriteAttributes(writer, meta);
        }

        if (info.Metrics is { } metrics)
        {
            writer.WritePropertyName("metrics");
            TypedJson.WriteAttributes(writer, metrics);
        }

        if (info.TopLevel)
        {
            writer.WriteBoolean("top", true);
        }

        if (info.Measured)
        {
            writer.WriteBoolean("meas", true);
        }

        var chunk = info.Chunk;
        writer.WriteNumber("prio", chunk.Priority);
        Text(writer, "orig", chunk.Origin);
        Attributes(writer, "ctags", chunk.Tags);
        if (chunk.DroppedTrace)
        {
            writer.WriteBoolean("dropped", true);
        }

        var payload = info.Payload;
        Text(writer, "ep", payload.Endpoint);
        Text(writer, "cid", payload.ContainerId);
        Text(writer, "lang", payload.LanguageName);
        Text(writer, "langv", payload.LanguageVersion);
        Text(writer, "tracerv", payload.TracerVersion);
        Text(writer, "rid", payload.RuntimeId);
        Attributes(writer, "ptags", payload.Tags);
        Text(writer, "env", payload.Env);
        Text(writer, "host", payload.Hostname);
        Text(writer, "appv", payload.AppVersion);
        if (payload.ClientComputedTopLevel)
        {
            writer.WriteBoolean("cctl", true);
        }

        if (payload.ClientComputedStats)
        {
            writer.WriteBoolean("ccs", true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads the object the reader is on (its StartObject already read).</summary>
    public static DatadogSpanInfo Read(ref Utf8JsonReader reader)
    {
        var info = new DatadogSpanInfo();
        var chunk = new DatadogChunkInfo();
        var payload = new DatadogPayloadInfo();
        info.Chunk = chunk;
        info.Payload = payload;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            Next(ref reader);
            switch (key)
            {
                case "svc": info.Service = reader.GetString()!; break;
                case "name": info.Name = reader.GetString()!; break;
                case "res": info.Resource = reader.GetString()!; break;
                case "type": info.Type = reader.GetString()!; break;
                case "err": info.Error = reader.GetInt32(); break;
                case "ms": info.MetaStruct = TypedJson.ReadAttributes(ref reader); break;
                case "meta": info.Meta = TypedJson.ReadAttributes(ref reader); break;
                case "metrics": info.Metrics = TypedJson.ReadAttributes(ref reader); break;
                case "top": info.TopLevel = reader.GetBoolean(); break;
                case "meas": info.Measured = reader.GetBoolean(); break;
                case "prio": chunk.Priority = reader.GetInt32(); break;
                case "orig": chunk.Origin = reader.GetString()!; break;
                case "ctags": chunk.Tags = TypedJson.ReadAttributes(ref reader); break;
                case "dropped": chunk.DroppedTrace = reader.GetBoolean(); break;
                case "ep": payload.Endpoint = reader.GetString()!; break;
                case "cid": payload.ContainerId = reader.GetString()!; break;
                case "lang": payload.LanguageName = reader.GetString()!; break;
                case "langv": payload.LanguageVersion = reader.GetString()!; break;
                case "tracerv": payload.TracerVersion = reader.GetString()!; break;
                case "rid": payload.RuntimeId = reader.GetString()!; break;
                case "ptags": payload.Tags = TypedJson.ReadAttributes(ref reader); break;
                case "env": payload.Env = reader.GetString()!; break;
                case "host": payload.Hostname = reader.GetString()!; break;
                case "appv": payload.AppVersion = reader.GetString()!; break;
                case "cctl": payload.ClientComputedTopLevel = reader.GetBoolean(); break;
                case "ccs": payload.ClientComputedStats = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return info;
    }

    private static void Text(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Attributes(Utf8JsonWriter writer, string name, KeyValue[] attributes)
    {
        if (attributes.Length > 0)
        {
            writer.WritePropertyName(name);
            TypedJson.WriteAttributes(writer, attributes);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new FormatException("Stored Datadog span fields ended early.");
        }

        return reader.TokenType;
    }
}
