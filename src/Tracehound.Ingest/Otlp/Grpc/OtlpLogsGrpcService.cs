using global::Grpc.Core;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>The gRPC adapter over <see cref="OtlpLogsService"/> (<c>LogsService/Export</c>).</summary>
internal sealed class OtlpLogsGrpcService : OtlpLogsGrpcServiceBase
{
    private readonly OtlpLogsService _service;

    public OtlpLogsGrpcService(OtlpLogsService service)
    {
        _service = service;
    }

    public override async Task<OtlpExportResponse> Export(OtlpExportRequest<LogBatch> request, ServerCallContext context) =>
        OtlpGrpcAnswer.From(await _service.ExportAsync(OtlpGrpcAnswer.Batch(request), context.CancellationToken).ConfigureAwait(false), "log records");
}
