namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>An <c>ExportTraceServiceResponse</c>: partial success figures, empty when all spans were taken.</summary>
internal sealed record OtlpTraceExportResponse(long RejectedSpans, string ErrorMessage);
