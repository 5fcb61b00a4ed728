namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>An Export*ServiceResponse: partial success figures, empty when every item was taken.</summary>
internal sealed record OtlpExportResponse(long Rejected, string ErrorMessage);
