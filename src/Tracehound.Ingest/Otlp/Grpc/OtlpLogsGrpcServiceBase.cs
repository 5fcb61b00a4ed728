using global::Grpc.Core;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>The <c>LogsService</c> definition Grpc.AspNetCore binds (see <see cref="OtlpTraceGrpcServiceBase"/> for why it looks like this).</summary>
[BindServiceMethod(typeof(OtlpLogsGrpcServiceBase), nameof(BindService))]
internal abstract class OtlpLogsGrpcServiceBase
{
    public static void BindService(ServiceBinderBase binder, OtlpLogsGrpcServiceBase? service) =>
        binder.AddMethod(OtlpGrpcMethods.LogsExport, service is null ? null : service.Export);

    public abstract Task<OtlpExportResponse> Export(OtlpExportRequest<LogBatch> request, ServerCallContext context);
}
