using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage;

/// <summary>
/// The log side of a store, with the same durability contract as spans. Trace ids are kept as the
/// record carried them: a record that only knew the low 64 bits (Datadog's decimal
/// <c>dd.trace_id</c>) is stored with a zero high half and joined to its trace when read, so it
/// links whether it arrived before or after the trace.
/// </summary>
public interface ILogStore
{
    /// <summary>
    /// Persists a batch. Completes with <see cref="ExportResult.Success"/> only once every record is
    /// durable; with <see cref="ExportResult.Overloaded"/> at once when the bounded write queue
    /// (shared with spans) is full; with <see cref="ExportResult.Unavailable"/> while shutting down.
    /// </summary>
    ValueTask<ExportResult> WriteLogsAsync(LogBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Records matching <paramref name="search"/>, newest first, one page of them. A record stored
    /// with only the low 64 bits of its trace id comes back with the full id when a stored trace
    /// has those low bits (the most recent such trace).
    /// </summary>
    Task<IReadOnlyList<LogRecord>> FindLogsAsync(LogSearch search, CancellationToken cancellationToken);

    /// <summary>
    /// Every record of one trace, oldest first: those with the full id and those with only its low
    /// 64 bits (returned with the full id). For a <see cref="TraceLookup.LowBitsOnly"/> lookup the
    /// trace is the most recent stored one with those low bits, or, when none is stored yet, the
    /// records with those low bits as they are.
    /// </summary>
    Task<IReadOnlyList<LogRecord>> GetTraceLogsAsync(TraceLookup lookup, CancellationToken cancellationToken);

    /// <summary>How many records of the trace name each span (records without a span id are not counted).</summary>
    Task<IReadOnlyDictionary<SpanId, int>> CountLogsBySpanAsync(TraceLookup lookup, CancellationToken cancellationToken);
}
