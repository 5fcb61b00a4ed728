using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

/// <summary>
/// A test double of <see cref="ITraceStore"/>: a list of spans filtered per <see cref="TraceQuery"/>'s
/// documented semantics. It records the last query so tests can check how parameters were parsed.
/// </summary>
internal sealed class InMemoryTraceStore : ITraceStore
{
    private readonly List<Span> _spans = [];
    private readonly Lock _lock = new();

    public TraceQuery? LastQuery { get; private set; }

    public List<TraceLookup> Lookups { get; } = [];

    public void Add(params Span[] spans)
    {
        lock (_lock)
        {
            _spans.AddRange(spans);
        }
    }

    public ValueTask<ExportResult> WriteAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        Add([.. batch.Spans]);
        return ValueTask.FromResult(ExportResult.Success);
    }

    public Task<TraceData?> GetTraceAsync(TraceLookup lookup, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Lookups.Add(lookup);
            var spans = _spans.Where(s => lookup.LowBitsOnly ? s.TraceId.Low == lookup.Id.Low : s.TraceId == lookup.Id).ToList();
            if (spans.Count == 0)
            {
                return Task.FromResult<TraceData?>(null);
            }

            // A low-64 lookup that matches several traces takes the first one's spans only.
            var id = spans[0].TraceId;
            return Task.FromResult<TraceData?>(ToTrace(id, spans.Where(s => s.TraceId == id)));
        }
    }

    public Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<string> services = [.. _spans.Select(s => s.ServiceName).Distinct().Order(StringComparer.Ordinal)];
            return Task.FromResult(services);
        }
    }

    public Task<IReadOnlyList<OperationInfo>> GetOperationsAsync(string service, SpanKind? kind, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<OperationInfo> operations =
            [
                .. _spans
                    .Where(s => s.ServiceName == service && (kind is null || s.Kind == kind))
                    .Select(s => new OperationInfo(s.Name, s.Kind))
                    .Distinct()
                    .OrderBy(o => o.Name, StringComparer.Ordinal)
                    .ThenBy(o => o.Kind),
            ];
            return Task.FromResult(operations);
        }
    }

    public Task<IReadOnlyList<TraceData>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            LastQuery = query;
            IReadOnlyList<TraceData> traces =
            [
                .. _spans
                    .Where(s => Matches(s, query))
                    .GroupBy(s => s.TraceId)
                    .OrderByDescending(g => g.Max(s => s.StartTimeUnixNano))
                    .Take(query.Limit)
                    .Select(g => ToTrace(g.Key, _spans.Where(s => s.TraceId == g.Key))),
            ];
            return Task.FromResult(traces);
        }
    }

    public Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(long startUnixNano, long endUnixNano, CancellationToken cancellationToken)
    {
        var links = new Dictionary<(string, string), long>();
        List<Span> spans;
        lock (_lock)
        {
            spans = [.. _spans];
        }

        foreach (var trace in spans.GroupBy(s => s.TraceId))
        {
            var byId = trace.ToDictionary(s => s.SpanId);
            foreach (var child in trace)
            {
                if (child.StartTimeUnixNano >= startUnixNano && child.StartTimeUnixNano <= endUnixNano
                    && byId.TryGetValue(child.ParentSpanId, out var parent) && parent.ServiceName != child.ServiceName)
                {
                    links[(parent.ServiceName, child.ServiceName)] = links.GetValueOrDefault((parent.ServiceName, child.ServiceName)) + 1;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DependencyLink>>([.. links.OrderBy(l => l.Key).Select(l => new DependencyLink(l.Key.Item1, l.Key.Item2, l.Value))]);
    }

    public Task<IReadOnlyList<Span>> FindSpansAsync(SpanSearch search, CancellationToken cancellationToken)
    {
        List<Span> spans;
        lock (_lock)
        {
            spans = [.. _spans];
        }

        return Task.FromResult<IReadOnlyList<Span>>([.. spans
            .Where(s => s.StartTimeUnixNano >= search.StartTimeMinUnixNano && s.StartTimeUnixNano <= search.StartTimeMaxUnixNano)
            .Where(s => search.ServiceName is null || s.ServiceName == search.ServiceName)
            .Where(s => search.MinDurationNanos is not { } min || s.DurationNanos >= min)
            .Where(s => search.MaxDurationNanos is not { } max || s.DurationNanos <= max)
            .Where(s => search.Status is not { } status || s.StatusCode == status)
            .Where(s => search.TraceIds is not { } ids || ids.Any(i => i.LowBitsOnly ? i.Id.Low == s.TraceId.Low : i.Id == s.TraceId))
            .Where(s => search.After is not { } after || s.StartTimeUnixNano < after.StartUnixNano
                || (s.StartTimeUnixNano == after.StartUnixNano && s.SpanId.Value > after.SpanId))
            .OrderByDescending(s => s.StartTimeUnixNano).ThenBy(s => s.SpanId.Value)
            .Skip((int)search.Skip).Take(search.Limit)]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TraceData ToTrace(TraceId id, IEnumerable<Span> spans) => new(id, [.. spans.OrderBy(s => s.StartTimeUnixNano)]);

    private static bool Matches(Span span, TraceQuery query) =>
        (query.ServiceName is null || span.ServiceName == query.ServiceName) &&
        (query.OperationName is null || span.Name == query.OperationName) &&
        (query.Kind is null || span.Kind == query.Kind) &&
        (query.MinDurationNanos is null || span.DurationNanos >= query.MinDurationNanos) &&
        (query.MaxDurationNanos is null || span.DurationNanos <= query.MaxDurationNanos) &&
        (query.StartTimeMinUnixNano is null || span.StartTimeUnixNano >= query.StartTimeMinUnixNano) &&
        (query.StartTimeMaxUnixNano is null || span.StartTimeUnixNano <= query.StartTimeMaxUnixNano) &&
        query.Tags.All(tag => TagMatches(span, tag.Key, tag.Value));

    private static bool TagMatches(Span span, string key, string value)
    {
        if (key == "error" && value == "true" && span.StatusCode == StatusCode.Error)
        {
            return true;
        }

        if (key == "span.kind" && KindName(span.Kind) == value)
        {
            return true;
        }

        return HasText(span.Attributes, key, value) ||
            HasText(span.Resource.Attributes, key, value) ||
            span.Events.Any(e => HasText(e.Attributes, key, value));
    }

    private static bool HasText(KeyValue[] attributes, string key, string value) =>
        attributes.Any(kv => kv.Key == key && kv.Value.ToString() == value);

    private static string KindName(SpanKind kind) => kind switch
    {
        SpanKind.Server => "server",
        SpanKind.Client => "client",
        SpanKind.Producer => "producer",
        SpanKind.Consumer => "consumer",
        SpanKind.Internal => "internal",
        _ => string.Empty,
    };
}
