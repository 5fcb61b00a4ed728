using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Tests.Zipkin;

/// <summary>A captured Zipkin or Jaeger client request (001.bin) and what the client printed (result.json).</summary>
internal sealed class TracerFixture
{
    private readonly JsonElement _result;

    private TracerFixture(byte[] payload, JsonElement result)
    {
        Payload = payload;
        _result = result;
    }

    public byte[] Payload { get; }

    public long BaseTimeMs => _result.GetProperty("baseTimeMs").GetInt64();

    public static TracerFixture Load(string label)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label);
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "result.json")));
        return new TracerFixture(File.ReadAllBytes(Path.Combine(folder, "001.bin")), result.RootElement.Clone());
    }

    /// <summary>The trace id the client printed (jaeger-client drops leading zeros; parsing pads them back).</summary>
    public TraceId TraceId(string trace)
    {
        Assert.True(Model.TraceId.TryParseHex(_result.GetProperty("traces").GetProperty(trace).GetProperty("traceId").GetString(), out var id));
        return id;
    }

    public SpanId SpanId(string trace, string span)
    {
        Assert.True(Model.SpanId.TryParseHex(_result.GetProperty("traces").GetProperty(trace).GetProperty("spans").GetProperty(span).GetString(), out var id));
        return id;
    }

    /// <summary>Workload time (ms offset from the base) in Unix nanoseconds.</summary>
    public long At(int offsetMs) => (BaseTimeMs + offsetMs) * 1_000_000;

    public static Span Find(SpanBatch batch, string name) => Assert.Single(batch.Spans, s => s.Name == name);

    public static AnyValue Attribute(Span span, string key)
    {
        Assert.True(span.TryGetAttribute(key, out var value), $"span '{span.Name}' has no attribute '{key}'");
        return value;
    }

    public static string StringAttribute(Span span, string key) => Attribute(span, key).AsString();
}
