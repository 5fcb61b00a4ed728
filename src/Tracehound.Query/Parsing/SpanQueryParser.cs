using System.Globalization;
using System.Text;

namespace Tracehound.Query.Parsing;

/// <summary>
/// Parses Datadog's span search syntax into a <see cref="SpanQueryNode"/> tree:
/// <c>service:web env:prod @http.status_code:[400 TO 499] @duration:&gt;1s resource_name:"GET /users/?" -status:ok</c>.
/// </summary>
/// <remarks>
/// Grammar (operators are upper case, as in Datadog; <c>AND</c> binds tighter than <c>OR</c>):
/// <code>
/// query   := or?
/// or      := and ("OR" and)*
/// and     := unary (["AND"] unary)*          terms side by side are ANDed
/// unary   := "NOT" unary | "-" primary | primary
/// primary := "(" or ")" | field ":" value | text
/// value   := "quoted" | [a TO b] | {a TO b} | (&gt;|&gt;=|&lt;|&lt;=) word | word
/// </code>
/// Unquoted words end at whitespace or a parenthesis; <c>\</c> escapes the next character; an
/// unescaped <c>*</c> or <c>?</c> in an unquoted word is a wildcard, while quoted values are exact.
/// Errors throw <see cref="QueryParameterException"/> with the 1-based position and the reason.
/// </remarks>
internal sealed class SpanQueryParser
{
    /// <summary>Longer queries are refused: nobody types them, and they bound the work per request.</summary>
    public const int MaxLength = 4096;

    private const int MaxDepth = 64;

    private readonly string _text;
    private int _i;
    private int _depth;

    private SpanQueryParser(string text) => _text = text;

    public static SpanQueryNode Parse(string? query)
    {
        var text = query ?? string.Empty;
        if (text.Length > MaxLength)
        {
            throw new QueryParameterException($"the query is longer than {MaxLength} characters") { Position = MaxLength + 1 };
        }

        var parser = new SpanQueryParser(text);
        parser.SkipSpace();
        if (parser.AtEnd)
        {
            return new SpanQueryAnd([]);
        }

        var node = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            // ParseAnd stops only at the end, ')' or OR, and ParseOr consumes every OR.
            throw parser.Error(parser._i, "')' without a matching '('");
        }

        return node;
    }

    private bool AtEnd => _i >= _text.Length;

    private SpanQueryNode ParseOr()
    {
        var operands = new List<SpanQueryNode> { ParseAnd() };
        while (true)
        {
            SkipSpace();
            if (!AtKeyword("OR"))
            {
                break;
            }

            var at = _i;
            _i += 2;
            SkipSpace();
            if (AtEnd || _text[_i] == ')' || AtKeyword("OR") || AtKeyword("AND"))
            {
                throw Error(at, "OR needs a term after it");
            }

            operands.Add(ParseAnd());
        }

        return operands.Count == 1 ? operands[0] : new SpanQueryOr(operands);
    }

    private SpanQueryNode ParseAnd()
    {
        var operands = new List<SpanQueryNode>();
        while (true)
        {
            SkipSpace();
            if (AtEnd || _text[_i] == ')' || AtKeyword("OR"))
            {
                break;
            }

            if (AtKeyword("AND"))
            {
                var at = _i;
                _i += 3;
                SkipSpace();
                if (operands.Count == 0 || AtEnd || _text[_i] == ')' || AtKeyword("OR") || AtKeyword("AND"))
                {
                    throw Error(at, "AND needs a term on each side");
                }
            }

            operands.Add(ParseUnary());
        }

        if (operands.Count == 0)
        {
            throw Error(_i, AtEnd ? "a term is missing at the end" : $"a term is missing before '{_text[_i]}'");
        }

        return operands.Count == 1 ? operands[0] : new SpanQueryAnd(operands);
    }

    private SpanQueryNode ParseUnary()
    {
        Enter();
        try
        {
            if (AtKeyword("NOT"))
            {
                var at = _i;
                _i += 3;
                SkipSpace();
                if (AtEnd || _text[_i] == ')' || AtKeyword("OR") || AtKeyword("AND"))
                {
                    throw Error(at, "NOT needs a term after it");
                }

                return new SpanQueryNot(ParseUnary());
            }

            if (_text[_i] == '-')
            {
                if (_i + 1 >= _text.Length || char.IsWhiteSpace(_text[_i + 1]) || _text[_i + 1] == ')')
                {
                    throw Error(_i, "'-' must be followed directly by the term it excludes");
                }

                _i++;
                return new SpanQueryNot(ParsePrimary());
            }

            return ParsePrimary();
        }
        finally
        {
            _depth--;
        }
    }

    private SpanQueryNode ParsePrimary()
    {
        if (_text[_i] == '(')
        {
            Enter();
            var open = _i++;
            SkipSpace();
            if (!AtEnd && _text[_i] == ')')
            {
                throw Error(open, "empty parentheses");
            }

            var inner = ParseOr();
            SkipSpace();
            if (AtEnd)
            {
                throw Error(open, "'(' is not closed");
            }

            _i++; // ')': ParseOr stops only at the end or there
            _depth--;
            return inner;
        }

        if (_text[_i] == '"')
        {
            return new SpanQueryTerm(null, new SpanQueryExact(ReadQuoted()));
        }

        var start = _i;
        var (word, wild) = ReadWord(stopAtColon: true);
        if (!AtEnd && _text[_i] == ':')
        {
            if (word.Length == 0)
            {
                throw Error(start, "a field name is missing before ':'");
            }

            if (wild.Contains(true))
            {
                throw Error(start, $"the field name '{word}' has a wildcard");
            }

            _i++;
            return ParseFieldValue(Field(word, start));
        }

        return new SpanQueryTerm(null, FreeText(word, wild));
    }

    private string Field(string name, int at)
    {
        if (name == "span.type")
        {
            return "type";
        }

        if (name == "@")
        {
            throw Error(at, "'@' needs an attribute name after it");
        }

        return name;
    }

    private SpanQueryTerm ParseFieldValue(string field)
    {
        var at = _i;
        if (AtEnd || char.IsWhiteSpace(_text[_i]) || _text[_i] is ')' or '(')
        {
            throw Error(at, $"'{field}:' has no value");
        }

        SpanQueryValue value;
        switch (_text[_i])
        {
            case '"':
                value = new SpanQueryExact(ReadQuoted());
                break;
            case '[' or '{':
                value = ReadRange(field);
                break;
            case '>' or '<':
                value = ReadComparison(field);
                break;
            default:
                var (word, wild) = ReadWord(stopAtColon: false);
                value = wild.Contains(true) ? new SpanQueryWildcard(new WildcardPattern(word, wild)) : new SpanQueryExact(word);
                break;
        }

        return new SpanQueryTerm(field, Check(field, value, at));
    }

    /// <summary>Reserved fields with a fixed set or form of values are checked here, so a typo is a 400, not an empty result.</summary>
    private SpanQueryValue Check(string field, SpanQueryValue value, int valueStart)
    {
        switch (field)
        {
            case "status" when value is SpanQueryExact { Text: not ("ok" or "error") } exact:
                throw Error(valueStart, $"status:{exact.Text} is not status:ok or status:error");
            case "status" when value is SpanQueryRange:
                throw Error(valueStart, "status takes ok or error, not a range");
            case "trace_id" when value is SpanQueryExact exact && !TraceIdParser.TryParse(exact.Text, out _, out var error):
                throw Error(valueStart, error);
            case "trace_id" or "span_id" when value is SpanQueryRange:
                throw Error(valueStart, $"{field} takes an id, not a range");
            case "span_id" when value is SpanQueryExact exact && !IsSpanId(exact.Text):
                throw Error(valueStart, $"span_id '{exact.Text}' is not 1 to 16 hex digits");
            case "@duration" when value is SpanQueryWildcard:
                throw Error(valueStart, "@duration takes a duration, a comparison or a range, not a wildcard");
            case "@duration" when value is SpanQueryExact exact:
                var nanos = DurationBound(exact.Text, valueStart);
                return new SpanQueryRange(nanos, true, nanos, true);
        }

        return value;
    }

    private SpanQueryRange ReadRange(string field)
    {
        var open = _i;
        var lowerInclusive = _text[_i] == '[';
        var close = _text.IndexOfAny([']', '}'], _i + 1);
        if (close < 0)
        {
            throw Error(open, $"the range opened with '{_text[open]}' is not closed with ']' or '}}'");
        }

        var parts = _text[(open + 1)..close].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[1] != "TO")
        {
            throw Error(open, "a range is [LOW TO HIGH] (inclusive) or {LOW TO HIGH} (exclusive), with * for an open end");
        }

        var upperInclusive = _text[close] == ']';
        _i = close + 1;
        if (!AtEnd && !char.IsWhiteSpace(_text[_i]) && _text[_i] != ')')
        {
            throw Error(_i, "unexpected text right after a range");
        }

        var lower = parts[0] == "*" ? null : Bound(field, parts[0], open + 1);
        var upper = parts[2] == "*" ? null : Bound(field, parts[2], open + 1);
        return new SpanQueryRange(lower, lowerInclusive, upper, upperInclusive);
    }

    private SpanQueryRange ReadComparison(string field)
    {
        var at = _i;
        var less = _text[_i] == '<';
        _i++;
        var inclusive = !AtEnd && _text[_i] == '=';
        if (inclusive)
        {
            _i++;
        }

        if (AtEnd || char.IsWhiteSpace(_text[_i]) || _text[_i] is ')' or '(')
        {
            throw Error(at, "a comparison needs a value after it");
        }

        var valueAt = _i;
        var text = _text[_i] == '"' ? ReadQuoted() : ReadWord(stopAtColon: false).Text;
        var bound = Bound(field, text, valueAt);
        return less ? new SpanQueryRange(null, false, bound, inclusive) : new SpanQueryRange(bound, inclusive, null, false);
    }

    private SpanQueryBound Bound(string field, string text, int at)
    {
        if (field == "@duration")
        {
            return DurationBound(text, at);
        }

        return new SpanQueryBound(text,
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null);
    }

    /// <summary>A duration with a unit (<c>1.5s</c>, <c>250ms</c>), or a bare number of nanoseconds as Datadog stores it.</summary>
    private SpanQueryBound DurationBound(string text, int at)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            return new SpanQueryBound(text, bare);
        }

        if (!DurationParser.TryParseNanos(text, allowDaysAndWeeks: false, out var nanos, out var error))
        {
            throw Error(at, $"@duration value '{text}': {error}");
        }

        return new SpanQueryBound(text, nanos);
    }

    /// <summary>Free text: found anywhere in the span's names, so a wildcard word is wrapped in <c>*</c>.</summary>
    private static SpanQueryValue FreeText(string word, bool[] wild)
    {
        if (!wild.Contains(true))
        {
            return new SpanQueryExact(word);
        }

        return new SpanQueryWildcard(new WildcardPattern("*" + word + "*", [true, .. wild, true]));
    }

    private string ReadQuoted()
    {
        var open = _i++;
        var value = new StringBuilder();
        while (!AtEnd && _text[_i] != '"')
        {
            if (_text[_i] == '\\' && _i + 1 < _text.Length)
            {
                _i++;
            }

            value.Append(_text[_i++]);
        }

        if (AtEnd)
        {
            throw Error(open, "the quote is not closed");
        }

        _i++;
        if (!AtEnd && !char.IsWhiteSpace(_text[_i]) && _text[_i] != ')')
        {
            throw Error(_i, "unexpected text right after a quoted value");
        }

        return value.ToString();
    }

    /// <summary>An unquoted word up to whitespace, a parenthesis (or a ':' when asked), with escapes resolved and wildcards flagged.</summary>
    private (string Text, bool[] Wild) ReadWord(bool stopAtColon)
    {
        var text = new StringBuilder();
        var wild = new List<bool>();
        while (!AtEnd)
        {
            var c = _text[_i];
            if (char.IsWhiteSpace(c) || c is '(' or ')' || (stopAtColon && c == ':'))
            {
                break;
            }

            if (c == '"')
            {
                throw Error(_i, "a quote inside a word: quote the whole value or escape it with \\\"");
            }

            if (c == '\\')
            {
                if (_i + 1 >= _text.Length)
                {
                    throw Error(_i, "'\\' at the end escapes nothing");
                }

                text.Append(_text[++_i]);
                wild.Add(false);
            }
            else
            {
                text.Append(c);
                wild.Add(c is '*' or '?');
            }

            _i++;
        }

        return (text.ToString(), [.. wild]);
    }

    private bool AtKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _i, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var end = _i + keyword.Length;
        return end >= _text.Length || char.IsWhiteSpace(_text[end]) || _text[end] == '(';
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_i]))
        {
            _i++;
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(_i, $"the query nests deeper than {MaxDepth} levels");
        }
    }

    private static bool IsSpanId(string text) =>
        text.Length is > 0 and <= 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private QueryParameterException Error(int index, string reason) =>
        new($"query syntax error at position {index + 1}: {reason}") { Position = index + 1 };
}
