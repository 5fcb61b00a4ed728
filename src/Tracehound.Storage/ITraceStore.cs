using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage;

/// <summary>
/// The one read/write contract every trace store implements (embedded now, ClickHouse later).
/// The contract test suite in tests/Tracehound.Storage.Tests runs against each implementation.
/// </summary>
public interface ITraceStore : IAsyncDisposable
{
    /// <summary>
    /// Persists a batch. Completes with <see cref="ExportResult.Success"/> only once every span of
    /// the batch is durable (survives <c>kill -9</c> right after); with
    /// <see cref="ExportResult.Overloaded"/> at once when the bounded write queue is full.
    /// </summary>
    ValueTask<ExportResult> WriteAsync(SpanBatch batch, CancellationToken cancellationToken);

    /// <summary>All spans of one trace, or null when no span of it is stored.</summary>
    Task<TraceData?> GetTraceAsync(TraceLookup lookup, CancellationToken cancellationToken);

    /// <summary>Service names, sorted.</summary>
    Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken);

    /// <summary>Operation (span) names of a service with the span kinds seen for each, sorted by name.</summary>
    Task<IReadOnlyList<OperationInfo>> GetOperationsAsync(string service, SpanKind? kind, CancellationToken cancellationToken);

    /// <summary>
    /// The service graph: for every pair of services where a span of one is the parent of a span of
    /// the other, how many such calls there were among child spans starting in [start, end].
    /// </summary>
    Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(long startUnixNano, long endUnixNano, CancellationToken cancellationToken);

    /// <summary>Spans matching <paramref name="search"/>, newest first, one page of them.</summary>
    Task<IReadOnlyList<Span>> FindSpansAsync(SpanSearch search, CancellationToken cancellationToken);

    /// <summary>The most recent traces (by latest matching span start) that match the query, whole.</summary>
    Task<IReadOnlyList<TraceData>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken);
}
