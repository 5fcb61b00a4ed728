using global::Grpc.Core;
using Tracehound.Ingest.Otlp.Protobuf;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>
/// The hand-written gRPC binding of <c>opentelemetry.proto.collector.trace.v1.TraceService</c>:
/// no .proto and no generated classes. The deserializer parses the payload in place (the sequence
/// is only valid inside it); gzip-compressed messages arrive here already decompressed.
/// </summary>
internal static class OtlpTraceGrpcMethods
{
    public const string ServiceName = "opentelemetry.proto.collector.trace.v1.TraceService";

    public static readonly Method<OtlpTraceExportRequest, OtlpTraceExportResponse> Export = new(
        MethodType.Unary,
        ServiceName,
        "Export",
        Marshallers.Create<OtlpTraceExportRequest>(static (_, _) => throw new NotSupportedException("Requests are never sent by the server."), DeserializeRequest),
        Marshallers.Create<OtlpTraceExportResponse>(SerializeResponse, static _ => throw new NotSupportedException("Responses are never read by the server.")));

    private static OtlpTraceExportRequest DeserializeRequest(DeserializationContext context)
    {
        try
        {
            return OtlpTraceExportRequest.Decoded(OtlpProtobufTraceDecoder.Decode(context.PayloadAsReadOnlySequence()));
        }
        catch (OtlpDecodeException ex)
        {
            return OtlpTraceExportRequest.Malformed(ex.Message);
        }
    }

    private static void SerializeResponse(OtlpTraceExportResponse response, SerializationContext context)
    {
        var writer = context.GetBufferWriter();
        OtlpProtobufResponseWriter.WriteExportTraceResponse(writer, response.RejectedSpans, response.ErrorMessage);
        context.Complete();
    }
}
