using Tracehound.Model;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.V1;

/// <summary>Whether a span (with its Datadog view) satisfies a span-query term.</summary>
internal static class SpanQueryMatcher
{
    public static bool Matches(Span span, IReadOnlyList<SpanQueryTerm> terms)
    {
        foreach (var term in terms)
        {
            if (Holds(span, term) == term.Negated)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(Span span, SpanQueryTerm term)
    {
        var view = span.Datadog;
        return term.Field switch
        {
            "service" => Equal(view?.Service is { Length: > 0 } s ? s : span.ServiceName, term.Value),
            "resource_name" => Equal(view?.Resource ?? span.Name, term.Value),
            "operation_name" => Equal(view?.Name ?? span.Name, term.Value),
            "type" => Equal(view?.Type ?? string.Empty, term.Value),
            "env" => Equal(Environment(span), term.Value),
            "status" => IsError(span) == (term.Value == "error"),
            "@duration" => Compare(span.DurationNanos, term.Comparison, term.DurationNanos),
            _ => AttributeEquals(span, term.Field[1..], term.Value),
        };
    }

    /// <summary>Exact match, or a prefix match when the value ends with <c>*</c>.</summary>
    private static bool Equal(string actual, string expected) =>
        expected.EndsWith('*')
            ? actual.StartsWith(expected.AsSpan(0, expected.Length - 1), StringComparison.Ordinal)
            : string.Equals(actual, expected, StringComparison.Ordinal);

    private static bool IsError(Span span) => span.StatusCode == StatusCode.Error || span.Datadog?.Error == 1;

    private static string Environment(Span span)
    {
        if (span.Datadog?.Payload.Env is { Length: > 0 } env)
        {
            return env;
        }

        foreach (var key in (ReadOnlySpan<string>)["deployment.environment.name", "deployment.environment", "env"])
        {
            if ((Find(span.Resource.Attributes, key) ?? Find(span.Attributes, key)) is { } value)
            {
                return value;
            }
        }

        return string.Empty;
    }

    private static bool AttributeEquals(Span span, string key, string expected) =>
        Find(span.Attributes, key) is { } value ? Equal(value, expected)
        : Find(span.Resource.Attributes, key) is { } resourceValue && Equal(resourceValue, expected);

    private static string? Find(KeyValue[] attributes, string key)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == key)
            {
                return kv.Value.ToString();
            }
        }

        return null;
    }

    private static bool Compare(long actual, SpanQueryComparison comparison, long expected) => comparison switch
    {
        SpanQueryComparison.Greater => actual > expected,
        SpanQueryComparison.GreaterOrEqual => actual >= expected,
        SpanQueryComparison.Less => actual < expected,
        SpanQueryComparison.LessOrEqual => actual <= expected,
        _ => actual == expected,
    };
}
