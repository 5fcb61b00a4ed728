using System.Buffers;
using System.Text.Json;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Logs;

/// <summary>A captured OTLP logs payload, decoded with the decoder its encoding needs, and its result.json.</summary>
internal sealed class LogsFixture
{
    private LogsFixture(string label, byte[] payload, JsonElement result)
    {
        Label = label;
        Payload = payload;
        Result = result;
    }

    public string Label { get; }

    public byte[] Payload { get; }

    public JsonElement Result { get; }

    public bool IsJson => Label.EndsWith("-json", StringComparison.Ordinal);

    public long BaseTimeMs => Result.GetProperty("baseTimeMs").GetInt64();

    public static LogsFixture Load(string label, string file = "001.bin")
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label);
        var payload = File.ReadAllBytes(Path.Combine(folder, file));
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "result.json")));
        return new LogsFixture(label, payload, result.RootElement.Clone());
    }

    public LogBatch Decode() => Decode(Payload);

    public LogBatch Decode(byte[] payload) => IsJson
        ? OtlpJsonLogsDecoder.Decode(new ReadOnlySequence<byte>(payload))
        : OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload));

    /// <summary>The trace and span id (hex, or null) the generator printed for its record number <paramref name="index"/>.</summary>
    public (string? TraceId, string? SpanId) RecordIds(int index)
    {
        var record = Result.GetProperty("records")[index];
        return (record.GetProperty("traceId").GetString(), record.GetProperty("spanId").GetString());
    }

    /// <summary>Unix nanoseconds of the workload's time 0 plus <paramref name="offsetMs"/>.</summary>
    public long At(long offsetMs) => (BaseTimeMs + offsetMs) * 1_000_000;
}
