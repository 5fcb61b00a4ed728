using System.Buffers;
using System.Text.Json;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>A captured client payload and the ids and base time its generator printed (result.json).</summary>
internal sealed class OtlpFixture
{
    private readonly JsonElement _result;

    private OtlpFixture(string label, byte[] payload, JsonElement result)
    {
        Label = label;
        Payload = payload;
        _result = result;
    }

    public string Label { get; }

    public byte[] Payload { get; }

    public ReadOnlySequence<byte> Sequence => new(Payload);

    public long BaseTimeMs => _result.GetProperty("baseTimeMs").GetInt64();

    public static OtlpFixture Load(string label, string file = "001.bin")
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label);
        var payload = File.ReadAllBytes(Path.Combine(folder, file));
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "result.json")));
        return new OtlpFixture(label, payload, result.RootElement.Clone());
    }

    public string TraceId(string trace) => _result.GetProperty("traces").GetProperty(trace).GetProperty("traceId").GetString()!;

    public string SpanId(string trace, string span) =>
        _result.GetProperty("traces").GetProperty(trace).GetProperty("spans").GetProperty(span).GetString()!;

    /// <summary>Unix nanoseconds of the workload's time 0 plus <paramref name="offsetMs"/>.</summary>
    public long At(long offsetMs) => (BaseTimeMs + offsetMs) * 1_000_000;
}
