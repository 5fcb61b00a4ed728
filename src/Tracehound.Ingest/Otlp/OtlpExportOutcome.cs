using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp;

/// <summary>What an export request came to: the pipeline's answer plus OTLP partial-success figures.</summary>
public readonly record struct OtlpExportOutcome(ExportResult Result, long Rejected, string RejectionMessage)
{
    /// <summary>
    /// Every item of a non-empty request was rejected (for example, all ids invalid). That is a bad
    /// request (HTTP 400, INVALID_ARGUMENT), not a partial success: nothing was kept.
    /// </summary>
    public bool NothingAccepted { get; init; }
}
