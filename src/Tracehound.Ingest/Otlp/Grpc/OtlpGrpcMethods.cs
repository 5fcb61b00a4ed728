using System.Buffers;
using global::Grpc.Core;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>
/// The hand-written gRPC bindings of <c>opentelemetry.proto.collector.trace.v1.TraceService</c> and
/// <c>...logs.v1.LogsService</c>: no .proto and no generated classes. The deserializer parses the
/// payload in place (the sequence is only valid inside it); gzip-compressed messages arrive here
/// already decompressed.
/// </summary>
internal static class OtlpGrpcMethods
{
    public const string TraceServiceName = "opentelemetry.proto.collector.trace.v1.TraceService";
    public const string LogsServiceName = "opentelemetry.proto.collector.logs.v1.LogsService";

    public static readonly Method<OtlpExportRequest<SpanBatch>, OtlpExportResponse> TraceExport = Export(TraceServiceName, OtlpProtobufTraceDecoder.Decode);

    public static readonly Method<OtlpExportRequest<LogBatch>, OtlpExportResponse> LogsExport = Export(LogsServiceName, OtlpProtobufLogsDecoder.Decode);

    private static Method<OtlpExportRequest<TBatch>, OtlpExportResponse> Export<TBatch>(string serviceName, Func<ReadOnlySequence<byte>, TBatch> decode)
        where TBatch : class => new(
        MethodType.Unary,
        serviceName,
        "Export",
        Marshallers.Create<OtlpExportRequest<TBatch>>(
            static (_, _) => throw new NotSupportedException("Requests are never sent by the server."),
            context => DeserializeRequest(context, decode)),
        Marshallers.Create<OtlpExportResponse>(SerializeResponse, static _ => throw new NotSupportedException("Responses are never read by the server.")));

    private static OtlpExportRequest<TBatch> DeserializeRequest<TBatch>(DeserializationContext context, Func<ReadOnlySequence<byte>, TBatch> decode)
        where TBatch : class
    {
        try
        {
            return OtlpExportRequest<TBatch>.Decoded(decode(context.PayloadAsReadOnlySequence()));
        }
        catch (OtlpDecodeException ex)
        {
            return OtlpExportRequest<TBatch>.Malformed(ex.Message);
        }
    }

    private static void SerializeResponse(OtlpExportResponse response, SerializationContext context)
    {
        var writer = context.GetBufferWriter();
        OtlpProtobufResponseWriter.WriteExportResponse(writer, response.Rejected, response.ErrorMessage);
        context.Complete();
    }
}
