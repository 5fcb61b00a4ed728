using System.Buffers;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Decodes an OTLP/JSON <c>ExportLogsServiceRequest</c> straight into the log model.</summary>
internal static class OtlpJsonLogsDecoder
{
    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static LogBatch Decode(ReadOnlySequence<byte> payload) =>
        OtlpJsonPayload.Decode(payload, new LogBatch(), static (ref OtlpJsonTraceReader reader, LogBatch batch) => reader.ReadLogsRequest(batch));
}
