using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;
using Tracehound.Storage;

namespace Tracehound.Query;

/// <summary>
/// The store as the query API reads it: every span it returns carries its Datadog view. Views a
/// Datadog tracer sent are stored; views Tracehound derives from OpenTelemetry fields are not (they
/// are a pure function of the span, and storing them doubled the bytes per span), so they are
/// computed again here, over the spans of each trace that lack one: the full view, meta and metrics
/// included, where ingest made only the lean one (OtlpToDatadogProcessor.ForIngest) from the same
/// stored (obfuscated) attributes.
/// </summary>
public sealed class DatadogViewTraceStore : ITraceStore
{
    private readonly ITraceStore _inner;
    private readonly ISpanProcessor[] _processors;

    public DatadogViewTraceStore(ITraceStore inner, DatadogSemanticsOptions options)
    {
        _inner = inner;
        Semantics = options;
        _processors = [new OtlpToDatadogProcessor(options), new DatadogNormalizationProcessor(), new TopLevelProcessor()];
    }

    /// <summary>The rules the views are derived with.</summary>
    public DatadogSemanticsOptions Semantics { get; }

    /// <summary>
    /// The wrapped store, whose spans carry only the views a Datadog tracer sent: for readers that
    /// need a few Datadog fields of every span (the trace timeline) or the full view of a few spans
    /// (<see cref="CompleteViews"/>), not the full view of all.
    /// </summary>
    public ITraceStore Stored => _inner;

    /// <summary>
    /// Gives the spans of <paramref name="spans"/> that lack one their full view, as every read here
    /// does. Chunk tags and top-level flags depend on the other spans passed: pass a span together
    /// with its parent and every span of its resource in the trace, in trace order.
    /// </summary>
    public void CompleteViews(IReadOnlyList<Span> spans) => Complete(spans);

    public ValueTask<ExportResult> WriteAsync(SpanBatch batch, CancellationToken cancellationToken) => _inner.WriteAsync(batch, cancellationToken);

    public async Task<TraceData?> GetTraceAsync(TraceLookup lookup, CancellationToken cancellationToken)
    {
        var trace = await _inner.GetTraceAsync(lookup, cancellationToken).ConfigureAwait(false);
        if (trace is not null)
        {
            Complete(trace);
        }

        return trace;
    }

    public Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken) => _inner.GetServicesAsync(cancellationToken);

    public Task<IReadOnlyList<OperationInfo>> GetOperationsAsync(string service, SpanKind? kind, CancellationToken cancellationToken) =>
        _inner.GetOperationsAsync(service, kind, cancellationToken);

    public Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(long startUnixNano, long endUnixNano, CancellationToken cancellationToken) =>
        _inner.GetDependenciesAsync(startUnixNano, endUnixNano, cancellationToken);

    /// <summary>
    /// A page of spans with their Datadog views. Spans of a page are not whole traces, so a derived
    /// view's top-level flag is computed within the page (a span whose parent is elsewhere counts as top-level).
    /// </summary>
    public async Task<IReadOnlyList<Span>> FindSpansAsync(SpanSearch search, CancellationToken cancellationToken)
    {
        var spans = await _inner.FindSpansAsync(search, cancellationToken).ConfigureAwait(false);
        Complete(spans);
        return spans;
    }

    public async Task<IReadOnlyList<TraceData>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        var traces = await _inner.FindTracesAsync(query, cancellationToken).ConfigureAwait(false);
        foreach (var trace in traces)
        {
            Complete(trace);
        }

        return traces;
    }

    /// <summary>The store is owned by whoever made it; disposing the view does not close it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Complete(TraceData trace) => Complete(trace.Spans);

    private void Complete(IReadOnlyList<Span> spans)
    {
        List<Span>? missing = null;
        foreach (var span in spans)
        {
            if (span.Datadog is null)
            {
                (missing ??= []).Add(span);
            }
        }

        if (missing is null)
        {
            return;
        }

        var batch = new SpanBatch(missing);
        foreach (var processor in _processors)
        {
            processor.Process(batch);
        }
    }
}
