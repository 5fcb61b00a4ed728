using System.Buffers;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>Writes OTLP responses in protobuf.</summary>
internal static class OtlpProtobufResponseWriter
{
    /// <summary>ExportTraceServiceResponse; partial_success only when something was rejected.</summary>
    public static void WriteExportTraceResponse(IBufferWriter<byte> output, long rejectedSpans, string errorMessage) => throw new NotImplementedException();

    /// <summary>google.rpc.Status (code, message), the body of an OTLP/HTTP error.</summary>
    public static void WriteStatus(IBufferWriter<byte> output, int code, string message) => throw new NotImplementedException();
}
