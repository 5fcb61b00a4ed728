using System.Text;

namespace Tracehound.Query.Parsing;

/// <summary>
/// Parses Datadog's span query syntax, the subset the API takes today: space-separated terms, all of
/// which must hold — <c>service:web env:prod @http.status_code:500 @duration:&gt;1s
/// resource_name:"GET /users/?" -status:ok</c>. A value may be quoted (with <c>\"</c> and <c>\\</c>
/// escapes); a leading <c>-</c> negates a term. Throws <see cref="QueryParameterException"/> with the reason.
/// </summary>
internal static class SpanQueryParser
{
    private static readonly HashSet<string> ReservedFields = new(StringComparer.Ordinal)
    {
        "service", "resource_name", "operation_name", "type", "env", "status",
    };

    public static IReadOnlyList<SpanQueryTerm> Parse(string? query)
    {
        var terms = new List<SpanQueryTerm>();
        var text = query ?? string.Empty;
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return terms;
            }

            var negated = text[i] == '-';
            if (negated)
            {
                i++;
            }

            var colon = text.IndexOf(':', i);
            var space = IndexOfWhiteSpace(text, i);
            if (colon < 0 || (space >= 0 && space < colon))
            {
                throw new QueryParameterException($"malformed query at '{text[i..]}': a term is field:value (free text is not supported yet)");
            }

            var field = text[i..colon];
            if (field == "span.type")
            {
                field = "type";
            }

            if (!(field.StartsWith('@') && field.Length > 1) && !ReservedFields.Contains(field))
            {
                throw new QueryParameterException($"unknown field '{field}': use service, resource_name, operation_name, type, env, status or @attribute");
            }

            i = colon + 1;
            var value = ReadValue(text, ref i);
            if (value.Length == 0)
            {
                throw new QueryParameterException($"the term '{field}:' has no value");
            }

            terms.Add(field == "@duration" ? Duration(value, negated) : Term(field, value, negated));
        }
    }

    private static SpanQueryTerm Term(string field, string value, bool negated)
    {
        if (field == "status" && value is not ("error" or "ok"))
        {
            throw new QueryParameterException($"status:{value} is not error or ok");
        }

        return new SpanQueryTerm(field, value, negated);
    }

    private static SpanQueryTerm Duration(string value, bool negated)
    {
        var (comparison, rest) = value switch
        {
            _ when value.StartsWith(">=", StringComparison.Ordinal) => (SpanQueryComparison.GreaterOrEqual, value[2..]),
            _ when value.StartsWith("<=", StringComparison.Ordinal) => (SpanQueryComparison.LessOrEqual, value[2..]),
            _ when value.StartsWith('>') => (SpanQueryComparison.Greater, value[1..]),
            _ when value.StartsWith('<') => (SpanQueryComparison.Less, value[1..]),
            _ => (SpanQueryComparison.Equal, value),
        };
        if (!DurationParser.TryParseNanos(rest, allowDaysAndWeeks: false, out var nanos, out var error))
        {
            throw new QueryParameterException($"@duration:{value}: {error}");
        }

        return new SpanQueryTerm("@duration", value, negated, comparison, nanos);
    }

    /// <summary>A term value: quoted (with \" and \\ escapes) or up to the next white space. Shared with the log query parser.</summary>
    internal static string ReadValue(string text, ref int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var value = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
                i++;
            }

            if (i >= text.Length)
            {
                throw new QueryParameterException("a quoted value is not closed");
            }

            i++;
            return value.ToString();
        }

        var end = IndexOfWhiteSpace(text, i);
        var raw = end < 0 ? text[i..] : text[i..end];
        i = end < 0 ? text.Length : end;
        return raw;
    }

    internal static int IndexOfWhiteSpace(string text, int start)
    {
        for (var j = start; j < text.Length; j++)
        {
            if (char.IsWhiteSpace(text[j]))
            {
                return j;
            }
        }

        return -1;
    }
}
