using global::Grpc.Core;
using GrpcStatusCode = global::Grpc.Core.StatusCode;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>How every OTLP gRPC service answers: INVALID_ARGUMENT, partial success, RESOURCE_EXHAUSTED or UNAVAILABLE.</summary>
internal static class OtlpGrpcAnswer
{
    /// <summary>Throws INVALID_ARGUMENT with the decoder's reason when the request could not be decoded.</summary>
    public static TBatch Batch<TBatch>(OtlpExportRequest<TBatch> request)
        where TBatch : class =>
        request.Batch ?? throw new RpcException(new Status(GrpcStatusCode.InvalidArgument, request.Error ?? "malformed request"));

    /// <param name="itemName">What was rejected, in the message ("spans", "log records").</param>
    public static OtlpExportResponse From(OtlpExportOutcome outcome, string itemName)
    {
        if (outcome.NothingAccepted)
        {
            throw new RpcException(new Status(GrpcStatusCode.InvalidArgument, $"all {outcome.Rejected} {itemName} were rejected: {outcome.RejectionMessage}"));
        }

        return outcome.Result switch
        {
            ExportResult.Success => new OtlpExportResponse(outcome.Rejected, outcome.RejectionMessage),
            ExportResult.Overloaded => throw new RpcException(new Status(GrpcStatusCode.ResourceExhausted, "the write queue is full; retry later")),
            _ => throw new RpcException(new Status(GrpcStatusCode.Unavailable, "the server is shutting down; retry later")),
        };
    }
}
