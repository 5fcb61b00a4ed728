using System.Text;
using Tracehound.Processing.Logs;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Logs;

/// <summary>
/// Parses a log query: space-separated terms that must all hold — free words and quoted phrases
/// (searched in the message), <c>service:</c>, <c>status:</c> (trace, debug, info, warn, error,
/// fatal), <c>trace_id:</c> (any form <see cref="TraceIdParser"/> reads) and <c>@attribute:value</c>;
/// a leading <c>-</c> negates a term. Throws <see cref="QueryParameterException"/> with the reason.
/// </summary>
internal static class LogQueryParser
{
    public static IReadOnlyList<LogQueryTerm> Parse(string? query)
    {
        var terms = new List<LogQueryTerm>();
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

            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated)
            {
                i++;
            }

            if (text[i] == '"')
            {
                terms.Add(new LogQueryTerm(LogQueryTermKind.Text, ReadValue(text, ref i), negated));
                continue;
            }

            var end = IndexOfWhiteSpace(text, i);
            var colon = text.IndexOf(':', i);
            if (colon < 0 || (end >= 0 && colon > end))
            {
                terms.Add(new LogQueryTerm(LogQueryTermKind.Text, end < 0 ? text[i..] : text[i..end], negated));
                i = end < 0 ? text.Length : end;
                continue;
            }

            var field = text[i..colon];
            i = colon + 1;
            var value = ReadValue(text, ref i);
            if (value.Length == 0)
            {
                throw new QueryParameterException($"the term '{field}:' has no value");
            }

            terms.Add(Term(field, value, negated));
        }
    }

    private static LogQueryTerm Term(string field, string value, bool negated)
    {
        switch (field)
        {
            case "service":
                return new LogQueryTerm(LogQueryTermKind.Service, value, negated);
            case "status":
                return LogSeverity.TryGetRange(value, out var min, out var max)
                    ? new LogQueryTerm(LogQueryTermKind.Status, value, negated) { MinSeverity = min, MaxSeverity = max }
                    : throw new QueryParameterException($"status:{value} is not trace, debug, info, warn, error or fatal");
            case "trace_id":
                var request = TraceIdParser.Parse(value, "trace_id");
                return new LogQueryTerm(LogQueryTermKind.TraceId, value, negated) { Trace = request.Lookup, TraceFallback = request.DecimalFallback };
            case ['@', _, ..]:
                return new LogQueryTerm(LogQueryTermKind.Attribute, value, negated) { Name = field[1..] };
            default:
                throw new QueryParameterException($"unknown field '{field}': use service, status, trace_id or @attribute (quote text that holds a colon)");
        }
    }

    /// <summary>A term value: quoted (with \" and \\ escapes) or up to the next white space.</summary>
    private static string ReadValue(string text, ref int i)
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

    private static int IndexOfWhiteSpace(string text, int start)
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
