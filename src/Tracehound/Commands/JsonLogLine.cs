using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tracehound.Commands;

/// <summary>
/// Turns one line of an application's output into one Datadog intake log entry (UTF-8 JSON). A
/// JSON object is sent as it is, except two shapes that hide their fields one level down, which are
/// lifted to the top so the reserved attributes (message, status, timestamp, dd.trace_id, ...)
/// are where the intake reads them: Microsoft.Extensions.Logging's JSON console formatter
/// (<c>Message</c>, <c>LogLevel</c>, <c>State</c>, <c>Scopes</c>) and Serilog's compact JSON (CLEF:
/// <c>@t</c>, <c>@m</c>, <c>@l</c>, <c>@tr</c>, <c>@sp</c>). Any other line becomes a log whose message is the line.
/// </summary>
internal static class JsonLogLine
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The entry for <paramref name="line"/>; <paramref name="isJson"/> is false when the line was not a JSON object.</summary>
    public static byte[] ToEntry(string line, string? service, string? source, out bool isJson)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            isJson = document is { RootElement.ValueKind: JsonValueKind.Object };
            var root = isJson ? document!.RootElement : default;
            if (isJson && service is null && source is null && !IsMelConsole(root) && !IsClef(root))
            {
                return Encoding.UTF8.GetBytes(line.Trim());
            }

            var buffer = new ArrayBufferWriter<byte>(line.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                writer.WriteStartObject();
                if (!isJson)
                {
                    Write(writer, written, "message", line);
                }
                else if (IsMelConsole(root))
                {
                    WriteMelConsole(writer, written, root);
                }
                else if (IsClef(root))
                {
                    WriteClef(writer, written, root);
                }
                else
                {
                    foreach (var property in root.EnumerateObject())
                    {
                        Write(writer, written, property.Name, property.Value);
                    }
                }

                if (service is not null && !written.Contains("service"))
                {
                    Write(writer, written, "service", service);
                }

                if (source is not null && !written.Contains("ddsource"))
                {
                    Write(writer, written, "ddsource", source);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }

    private static bool IsMelConsole(JsonElement root) =>
        root.TryGetProperty("LogLevel", out var level) && level.ValueKind == JsonValueKind.String
        && root.TryGetProperty("Category", out var category) && category.ValueKind == JsonValueKind.String;

    private static bool IsClef(JsonElement root) =>
        root.TryGetProperty("@t", out _) && (root.TryGetProperty("@m", out _) || root.TryGetProperty("@mt", out _));

    /// <summary>JsonConsoleFormatter: the log's own State wins over its scopes, inner scopes over outer ones.</summary>
    private static void WriteMelConsole(Utf8JsonWriter writer, HashSet<string> written, JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Timestamp":
                    Write(writer, written, "timestamp", property.Value);
                    break;
                case "LogLevel":
                    Write(writer, written, "status", property.Value);
                    break;
                case "Category":
                    Write(writer, written, "logger.name", property.Value);
                    break;
                case "Message":
                    Write(writer, written, "message", property.Value);
                    break;
                case "EventId":
                    if (property.Value.ValueKind != JsonValueKind.Number || property.Value.GetInt64() != 0)
                    {
                        Write(writer, written, "event.id", property.Value);
                    }

                    break;
                case "Exception":
                    Write(writer, written, "error.stack", property.Value);
                    break;
                case "State" or "Scopes":
                    break;
                default:
                    Write(writer, written, property.Name, property.Value);
                    break;
            }
        }

        if (root.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object)
        {
            WriteStructured(writer, written, state);
        }

        if (root.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array)
        {
            var list = scopes.EnumerateArray().ToList();
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].ValueKind == JsonValueKind.Object)
                {
                    WriteStructured(writer, written, list[i]);
                }
            }
        }
    }

    /// <summary>A state or scope object: its properties, less the rendered message and its template.</summary>
    private static void WriteStructured(Utf8JsonWriter writer, HashSet<string> written, JsonElement values)
    {
        foreach (var property in values.EnumerateObject())
        {
            if (property.Name is not ("Message" or "{OriginalFormat}"))
            {
                Write(writer, written, property.Name, property.Value);
            }
        }
    }

    private static void WriteClef(Utf8JsonWriter writer, HashSet<string> written, JsonElement root)
    {
        var hasMessage = root.TryGetProperty("@m", out _);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name switch
            {
                "@t" => "timestamp",
                "@m" => "message",
                "@mt" => hasMessage ? null : "message",
                "@l" => "status",
                "@x" => "error.stack",
                "@tr" => "trace_id",
                "@sp" => "span_id",
                "@i" => "event.id",
                "@r" => null,
                // CLEF escapes a property that starts with @ by doubling it.
                _ when property.Name.StartsWith("@@", StringComparison.Ordinal) => property.Name[1..],
                _ => property.Name,
            };
            if (name is not null)
            {
                Write(writer, written, name, property.Value);
            }
        }

        // CLEF leaves out @l for Information.
        if (!written.Contains("status"))
        {
            Write(writer, written, "status", "Information");
        }
    }

    private static void Write(Utf8JsonWriter writer, HashSet<string> written, string name, JsonElement value)
    {
        if (written.Add(name))
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static void Write(Utf8JsonWriter writer, HashSet<string> written, string name, string value)
    {
        if (written.Add(name))
        {
            writer.WriteString(name, value);
        }
    }
}
