using global::Grpc.Core;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>The gRPC adapter over <see cref="OtlpTraceService"/>.</summary>
internal sealed class OtlpTraceGrpcService : OtlpTraceGrpcServiceBase
{
    private readonly OtlpTraceService _service;

    public OtlpTraceGrpcService(OtlpTraceService service)
    {
        _service = service;
    }

    public override async Task<OtlpExportResponse> Export(OtlpExportRequest<SpanBatch> request, ServerCallContext context) =>
        OtlpGrpcAnswer.From(await _service.ExportAsync(OtlpGrpcAnswer.Batch(request), context.CancellationToken).ConfigureAwait(false), "spans");
}
