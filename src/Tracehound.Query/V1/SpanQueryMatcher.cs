using System.Globalization;
using Tracehound.Model;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.V1;

/// <summary>
/// Turns a parsed span query into a predicate over spans that carry their Datadog view. Compiled
/// once per request: ids and bounds are read from the query once, not once per span.
/// </summary>
internal static class SpanQueryMatcher
{
    public static bool Matches(Span span, SpanQueryNode query) => Compile(query)(span);

    public static Func<Span, bool> Compile(SpanQueryNode node)
    {
        switch (node)
        {
            case SpanQueryAnd and:
                var all = and.Operands.Select(Compile).ToArray();
                return span =>
                {
                    foreach (var operand in all)
                    {
                        if (!operand(span))
                        {
                            return false;
                        }
                    }

                    return true;
                };
            case SpanQueryOr or:
                var any = or.Operands.Select(Compile).ToArray();
                return span =>
                {
                    foreach (var operand in any)
                    {
                        if (operand(span))
                        {
                            return true;
                        }
                    }

                    return false;
                };
            case SpanQueryNot not:
                var inner = Compile(not.Operand);
                return span => !inner(span);
            case SpanQueryTerm term:
                return Term(term);
            default:
                throw new ArgumentException($"unknown query node {node.GetType().Name}", nameof(node));
        }
    }

    private static Func<Span, bool> Term(SpanQueryTerm term)
    {
        var value = term.Value;
        switch (term.Field)
        {
            case null:
                return FreeText(value);
            case "service":
                return span => Holds(value, SpanFields.Service(span));
            case "env":
                return span => Holds(value, SpanFields.Environment(span));
            case "resource_name":
                return span => Holds(value, SpanFields.Resource(span));
            case "operation_name":
                return span => Holds(value, SpanFields.Operation(span));
            case "type":
                return span => Holds(value, SpanFields.Type(span));
            case "status":
                return span => Holds(value, SpanFields.Status(span));
            case "@duration":
                var range = (SpanQueryRange)value;
                return span => InRange(range, span.DurationNanos);
            case "trace_id":
                return TraceIdTerm(value);
            case "span_id":
                return value is SpanQueryExact id
                    ? SpanIdTerm(ulong.Parse(id.Text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))
                    : span => Holds(value, span.SpanId.ToString());
            default:
                var key = term.Field[0] == '@' ? term.Field[1..] : term.Field;
                return span =>
                {
                    var values = new List<string>(2);
                    SpanFields.CollectAttribute(span, key, values);
                    foreach (var text in values)
                    {
                        if (Holds(value, text))
                        {
                            return true;
                        }
                    }

                    return false;
                };
        }
    }

    /// <summary>Free text: found, case-insensitively, in the resource, the operation name, the span name or the status message.</summary>
    private static Func<Span, bool> FreeText(SpanQueryValue value) => span =>
        Contains(value, SpanFields.Resource(span)) || Contains(value, SpanFields.Operation(span))
        || Contains(value, span.Name) || Contains(value, span.StatusMessage);

    private static bool Contains(SpanQueryValue value, string text) => value switch
    {
        SpanQueryExact exact => text.Contains(exact.Text, StringComparison.OrdinalIgnoreCase),
        SpanQueryWildcard wildcard => wildcard.Pattern.IsMatch(text, ignoreCase: true),
        _ => false,
    };

    private static Func<Span, bool> TraceIdTerm(SpanQueryValue value)
    {
        if (value is not SpanQueryExact exact)
        {
            return span => Holds(value, span.TraceId.ToHex());
        }

        TraceIdParser.TryParse(exact.Text, out var request, out _);
        var lookup = request.Lookup;
        var fallback = request.DecimalFallback;
        return span => IsMatch(lookup, span.TraceId) || (fallback is { } f && IsMatch(f, span.TraceId));

        static bool IsMatch(Storage.TraceLookup lookup, TraceId id) => lookup.LowBitsOnly ? id.Low == lookup.Id.Low : id == lookup.Id;
    }

    private static Func<Span, bool> SpanIdTerm(ulong id) => span => span.SpanId.Value == id;

    /// <summary>Whether one text value satisfies a term's value.</summary>
    public static bool Holds(SpanQueryValue value, string text) => value switch
    {
        SpanQueryExact exact => string.Equals(text, exact.Text, StringComparison.Ordinal),
        SpanQueryWildcard wildcard => wildcard.Pattern.IsMatch(text),
        SpanQueryRange range => InRange(range, text),
        _ => false,
    };

    /// <summary>Numbers when every bound is a number (then a value that is not one is out), else ordinal text order.</summary>
    private static bool InRange(SpanQueryRange range, string text)
    {
        if (range.Lower is not { Number: null } && range.Upper is not { Number: null })
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && InRange(range, number);
        }

        return (range.Lower is not { } lower || Compare(string.CompareOrdinal(text, lower.Text), range.LowerInclusive))
            && (range.Upper is not { } upper || Compare(string.CompareOrdinal(upper.Text, text), range.UpperInclusive));
    }

    private static bool InRange(SpanQueryRange range, double number) =>
        (range.Lower?.Number is not { } lower || (range.LowerInclusive ? number >= lower : number > lower))
        && (range.Upper?.Number is not { } upper || (range.UpperInclusive ? number <= upper : number < upper));

    private static bool Compare(int order, bool inclusive) => inclusive ? order >= 0 : order > 0;
}
