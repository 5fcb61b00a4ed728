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

    /// <summary>
    /// Runs <paramref name="process"/> on a decoded batch unless the decoder rejected all of it. The
    /// rejection figures are taken first: processors may drop items (sampling), which is not a rejection.
    /// </summary>
    public static async ValueTask<OtlpExportOutcome> ProcessAsync<TBatch>(
        TBatch batch, int count, long rejected, string message, Func<TBatch, CancellationToken, ValueTask<ExportResult>> process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (count == 0 && rejected > 0)
        {
            return new OtlpExportOutcome(ExportResult.Success, rejected, message) { NothingAccepted = true };
        }

        var result = await process(batch, cancellationToken).ConfigureAwait(false);
        return new OtlpExportOutcome(result, rejected, message);
    }
}
