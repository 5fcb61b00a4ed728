using global::Grpc.Core;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>
/// The service definition Grpc.AspNetCore binds, as generated code would declare it. The binder
/// looks for a public virtual <c>Export</c> declared on this type and calls the override on the
/// activated service, so the handler must be virtual here and overridden in the implementation.
/// </summary>
[BindServiceMethod(typeof(OtlpTraceGrpcServiceBase), nameof(BindService))]
internal abstract class OtlpTraceGrpcServiceBase
{
    public static void BindService(ServiceBinderBase binder, OtlpTraceGrpcServiceBase? service) =>
        binder.AddMethod(OtlpGrpcMethods.TraceExport, service is null ? null : service.Export);

    public abstract Task<OtlpExportResponse> Export(OtlpExportRequest<SpanBatch> request, ServerCallContext context);
}
