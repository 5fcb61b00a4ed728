using System.Text.Json;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// Jaeger's response envelope (structuredResponse in cmd/query/app/http_handler.go):
/// <c>{"data":...,"total":N,"limit":0,"offset":0,"errors":null|[{"code","msg","traceID"}]}</c>.
/// </summary>
internal static class JaegerEnvelope
{
    /// <summary>Opens the envelope; the caller writes the <c>data</c> value next.</summary>
    public static void WriteStart(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("data");
    }

    public static void WriteEnd(Utf8JsonWriter writer, int total, IReadOnlyList<JaegerError>? errors)
    {
        writer.WriteNumber("total", total);
        writer.WriteNumber("limit", 0);
        writer.WriteNumber("offset", 0);
        if (errors is null || errors.Count == 0)
        {
            writer.WriteNull("errors");
        }
        else
        {
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                if (error.Code != 0)
                {
                    writer.WriteNumber("code", error.Code);
                }

                writer.WriteString("msg", error.Message);
                if (error.TraceId is not null)
                {
                    writer.WriteString("traceID", error.TraceId);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>A whole error response: <c>data</c> null, total 0, one error.</summary>
    public static void WriteError(Utf8JsonWriter writer, int code, string message)
    {
        WriteStart(writer);
        writer.WriteNullValue();
        WriteEnd(writer, 0, [new JaegerError(code, message)]);
    }
}
