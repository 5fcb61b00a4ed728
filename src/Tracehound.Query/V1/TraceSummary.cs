using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// One row of trace search: a whole trace summarized by its root span (the span without a parent,
/// the earliest if several; else the earliest span), its extent, and its spans per Datadog service.
/// </summary>
internal sealed record TraceSummary(
    TraceId TraceId,
    Span Root,
    long StartUnixNano,
    long DurationNanos,
    int SpanCount,
    int ErrorCount,
    int MatchedSpans,
    IReadOnlyList<(string Service, int SpanCount)> Services)
{
    /// <param name="matches">Whether a span counts as matched (the query, within the time range).</param>
    public static TraceSummary Of(TraceData trace, Func<Span, bool> matches)
    {
        Span? root = null;
        Span? earliest = null;
        long start = long.MaxValue, end = long.MinValue;
        int errors = 0, matched = 0;
        var services = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var span in trace.Spans)
        {
            if (span.ParentSpanId.IsEmpty && (root is null || span.StartTimeUnixNano < root.StartTimeUnixNano))
            {
                root = span;
            }

            if (earliest is null || span.StartTimeUnixNano < earliest.StartTimeUnixNano)
            {
                earliest = span;
            }

            start = Math.Min(start, span.StartTimeUnixNano);
            end = Math.Max(end, span.StartTimeUnixNano + span.DurationNanos);
            errors += SpanFields.IsError(span) ? 1 : 0;
            matched += matches(span) ? 1 : 0;
            var service = SpanFields.Service(span);
            services[service] = services.GetValueOrDefault(service) + 1;
        }

        return new TraceSummary(trace.TraceId, root ?? earliest!, start, end - start, trace.Spans.Count, errors, matched,
            [.. services.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))]);
    }
}
