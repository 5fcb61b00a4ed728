using global::Grpc.Core;
using GrpcStatusCode = global::Grpc.Core.StatusCode;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>The gRPC adapter over <see cref="OtlpTraceService"/>.</summary>
internal sealed class OtlpTraceGrpcService : OtlpTraceGrpcServiceBase
{
    private readonly OtlpTraceService _service;

    public OtlpTraceGrpcService(OtlpTraceService service)
    {
        _service = service;
    }

    public override async Task<OtlpTraceExportResponse> Export(OtlpTraceExportRequest request, ServerCallContext context)
    {
        if (request.Batch is null)
        {
            throw new RpcException(new Status(GrpcStatusCode.InvalidArgument, request.Error ?? "malformed request"));
        }

        var outcome = await _service.ExportAsync(request.Batch, context.CancellationToken).ConfigureAwait(false);
        if (outcome.NothingAccepted)
        {
            throw new RpcException(new Status(GrpcStatusCode.InvalidArgument, $"all {outcome.Rejected} spans were rejected: {outcome.RejectionMessage}"));
        }

        return outcome.Result switch
        {
            ExportResult.Success => new OtlpTraceExportResponse(outcome.Rejected, outcome.RejectionMessage),
            ExportResult.Overloaded => throw new RpcException(new Status(GrpcStatusCode.ResourceExhausted, "the write queue is full; retry later")),
            _ => throw new RpcException(new Status(GrpcStatusCode.Unavailable, "the server is shutting down; retry later")),
        };
    }
}
