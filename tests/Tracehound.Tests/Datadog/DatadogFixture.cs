using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Tracehound.Ingest.Datadog;
using Tracehound.Ingest.Datadog.Http;
using Tracehound.Model;

namespace Tracehound.Tests.Datadog;

/// <summary>A captured dd-trace request (body, request headers from NNN.json) and the ids dd-trace printed (result.json).</summary>
internal sealed class DatadogFixture
{
    private readonly JsonElement _result;
    private readonly JsonElement _request;

    private DatadogFixture(string label, byte[] payload, JsonElement request, JsonElement result)
    {
        Label = label;
        Payload = payload;
        _request = request;
        _result = result;
    }

    public string Label { get; }

    public byte[] Payload { get; }

    public string Path => _request.GetProperty("path").GetString()!;

    public string Endpoint => Path.Split('/')[1];

    public long BaseTimeMs => _result.GetProperty("baseTimeMs").GetInt64();

    public static DatadogFixture Load(string label)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label);
        using var request = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "001.json")));
        using var result = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "result.json")));
        return new DatadogFixture(label, File.ReadAllBytes(System.IO.Path.Combine(folder, "001.bin")), request.RootElement.Clone(), result.RootElement.Clone());
    }

    public string Header(string name) =>
        _request.GetProperty("headers").TryGetProperty(name, out var value) ? value.GetString()! : string.Empty;

    public DatadogPayloadInfo PayloadInfo() => new()
    {
        Endpoint = Endpoint,
        LanguageName = Header("datadog-meta-lang"),
        LanguageVersion = Header("datadog-meta-lang-version"),
        TracerVersion = Header("datadog-meta-tracer-version"),
    };

    public SpanBatch Decode() => DatadogTraceEndpoint.Decode(Endpoint, _request.GetProperty("contentType").GetString(), new ReadOnlySequence<byte>(Payload), PayloadInfo());

    public JsonElement Trace(string api, string trace) => _result.GetProperty("traces").GetProperty(api).GetProperty(trace);

    /// <summary>The decimal low 64 bits dd-trace printed.</summary>
    public ulong TraceIdLow(string api, string trace) => ulong.Parse(Trace(api, trace).GetProperty("traceId").GetString()!, CultureInfo.InvariantCulture);

    public string TraceIdHex(string api, string trace) => Trace(api, trace).GetProperty("traceIdHex").GetString()!;

    /// <summary>A span id dd-trace printed: decimal for native/OpenTracing, hex for the OTel API.</summary>
    public ulong SpanId(string api, string trace, string span)
    {
        var text = Trace(api, trace).GetProperty("spans").GetProperty(span).GetString()!;
        return api == "otel" ? ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) : ulong.Parse(text, CultureInfo.InvariantCulture);
    }

    public long At(long offsetMs) => (BaseTimeMs + offsetMs) * 1_000_000;
}
