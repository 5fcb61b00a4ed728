using System.Buffers;
using System.Text.Json;

namespace Tracehound.Tests.Query;

internal static class JsonTestHelper
{
    /// <summary>Runs a writer and parses what it wrote (which also proves it is valid JSON).</summary>
    public static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The Jaeger tag with <paramref name="key"/> in a tags/fields array, or throws.</summary>
    public static JsonElement Tag(JsonElement tags, string key) =>
        tags.EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);

    public static bool HasTag(JsonElement tags, string key) =>
        tags.EnumerateArray().Any(t => t.GetProperty("key").GetString() == key);

    public static JsonElement SpanById(JsonElement spans, string idProperty, string spanId) =>
        spans.EnumerateArray().Single(s => s.GetProperty(idProperty).GetString() == spanId);
}
