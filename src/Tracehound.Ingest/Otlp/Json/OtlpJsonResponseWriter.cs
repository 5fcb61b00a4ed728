using System.Buffers;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Writes OTLP responses in OTLP/JSON.</summary>
internal static class OtlpJsonResponseWriter
{
    /// <summary>ExportTraceServiceResponse: <c>{}</c>, or <c>{"partialSuccess":{...}}</c> when something was rejected.</summary>
    public static void WriteExportTraceResponse(IBufferWriter<byte> output, long rejectedSpans, string errorMessage) => throw new NotImplementedException();

    /// <summary>google.rpc.Status as JSON (<c>{"code":3,"message":"..."}</c>), the body of an OTLP/HTTP error.</summary>
    public static void WriteStatus(IBufferWriter<byte> output, int code, string message) => throw new NotImplementedException();
}
