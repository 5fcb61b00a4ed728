using System.Buffers;

namespace Tracehound.Ingest.Otlp.Http;

/// <summary>What differs between the OTLP/HTTP signals: how a body is decoded, where the batch goes, and the names in answers.</summary>
/// <param name="ItemName">What the batch holds, in messages ("spans", "log records").</param>
/// <param name="JsonRejectedField">The partial-success count field in OTLP/JSON (<c>rejectedSpans</c>, <c>rejectedLogRecords</c>).</param>
internal sealed record OtlpHttpSignal<TBatch>(
    string ItemName,
    string JsonRejectedField,
    Func<OtlpPayloadFormat, ReadOnlySequence<byte>, TBatch> Decode,
    Func<TBatch, CancellationToken, ValueTask<OtlpExportOutcome>> Export);
