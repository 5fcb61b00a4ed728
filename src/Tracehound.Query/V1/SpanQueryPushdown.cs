using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// The part of a span query the store can apply itself: terms ANDed at the top of the query
/// (<c>service:</c>, <c>status:error</c> or <c>-status:ok</c>, <c>@duration</c> bounds, <c>trace_id:</c>). Every
/// condition is necessary for a match, never sufficient: the whole query is still checked on each
/// span the store returns, so pushing a condition down only makes the scan shorter.
/// </summary>
internal static class SpanQueryPushdown
{
    public static SpanSearch Apply(SpanQueryNode query, SpanSearch search)
    {
        var operands = query is SpanQueryAnd and ? and.Operands : [query];
        foreach (var operand in operands)
        {
            if (operand is SpanQueryNot { Operand: SpanQueryTerm { Field: "status", Value: SpanQueryExact { Text: "ok" } } })
            {
                search = search with { DatadogError = true }; // -status:ok is status:error
                continue;
            }

            if (operand is not SpanQueryTerm term)
            {
                continue; // OR and other NOTs say nothing every match must have
            }

            switch (term.Field, term.Value)
            {
                case ("service", SpanQueryExact service) when search.DatadogService is null:
                    search = search with { DatadogService = service.Text };
                    break;
                case ("status", SpanQueryExact { Text: "error" }):
                    search = search with { DatadogError = true };
                    break;
                case ("@duration", SpanQueryRange range):
                    search = Duration(search, range);
                    break;
                case ("trace_id", SpanQueryExact id) when search.TraceIds is null && TraceIdParser.TryParse(id.Text, out var request, out _):
                    search = search with { TraceIds = request.DecimalFallback is { } fallback ? [request.Lookup, fallback] : [request.Lookup] };
                    break;
            }
        }

        return search;
    }

    /// <summary>Whole nanoseconds inside the range: an exclusive or fractional bound moves inward.</summary>
    private static SpanSearch Duration(SpanSearch search, SpanQueryRange range)
    {
        if (range.Lower?.Number is { } lower)
        {
            var min = range.LowerInclusive ? Math.Ceiling(lower) : Math.Floor(lower) + 1;
            search = search with { MinDurationNanos = Math.Max(search.MinDurationNanos ?? long.MinValue, Clamp(min)) };
        }

        if (range.Upper?.Number is { } upper)
        {
            var max = range.UpperInclusive ? Math.Floor(upper) : Math.Ceiling(upper) - 1;
            search = search with { MaxDurationNanos = Math.Min(search.MaxDurationNanos ?? long.MaxValue, Clamp(max)) };
        }

        return search;
    }

    private static long Clamp(double value) => value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;
}
