using System.Buffers;
using System.Text;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>Shortcuts shared by the OTLP/JSON tests: fixtures and decoding from text.</summary>
internal static class OtlpJson
{
    public const string FixtureLabel = "otel-js-traces-http-json";

    public static byte[] ReadFixture(string file = "001.bin") =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", FixtureLabel, file));

    public static string ReadFixtureText(string file) => Encoding.UTF8.GetString(ReadFixture(file));

    public static SpanBatch Decode(byte[] payload) => OtlpJsonTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));

    public static SpanBatch Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    /// <summary>A request with one resource, one scope and the given span objects (JSON text).</summary>
    public static string Request(params string[] spans) =>
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]},"
        + "\"scopeSpans\":[{\"scope\":{\"name\":\"lib\"},\"spans\":[" + string.Join(',', spans) + "]}]}]}";

    /// <summary>A minimal valid span object with the given extra members (JSON text, may be empty).</summary>
    public static string Span(string extra = "", string traceId = "0102030405060708090a0b0c0d0e0f10", string spanId = "1112131415161718")
    {
        var members = $"\"traceId\":\"{traceId}\",\"spanId\":\"{spanId}\",\"name\":\"op\"";
        return extra.Length == 0 ? "{" + members + "}" : "{" + members + "," + extra + "}";
    }
}
