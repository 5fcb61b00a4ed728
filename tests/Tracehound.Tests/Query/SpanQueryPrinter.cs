using System.Globalization;
using System.Text;
using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

/// <summary>Writes a span query tree back as query text that parses to the same tree (for round-trip property tests).</summary>
internal static class SpanQueryPrinter
{
    public static string Print(SpanQueryNode node) => node switch
    {
        SpanQueryAnd and => string.Join(" ", and.Operands.Select(Operand)),
        SpanQueryOr or => string.Join(" OR ", or.Operands.Select(Operand)),
        SpanQueryNot not => "NOT " + Operand(not.Operand),
        SpanQueryTerm { Field: null, Value: SpanQueryExact text } => Quote(text.Text),
        SpanQueryTerm term => term.Field + ":" + Value(term.Value),
        _ => throw new ArgumentException("unknown node", nameof(node)),
    };

    private static string Operand(SpanQueryNode node) => node is SpanQueryAnd or SpanQueryOr ? "(" + Print(node) + ")" : Print(node);

    private static string Value(SpanQueryValue value) => value switch
    {
        SpanQueryExact exact => Quote(exact.Text),
        SpanQueryWildcard wildcard => wildcard.Pattern.Text,
        SpanQueryRange range => (range.LowerInclusive ? "[" : "{") + (range.Lower?.Text ?? "*") + " TO " + (range.Upper?.Text ?? "*") + (range.UpperInclusive ? "]" : "}"),
        _ => throw new ArgumentException("unknown value", nameof(value)),
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A random query tree from a seed: nested AND/OR/NOT over terms with exact, wildcard and range values.</summary>
    public static SpanQueryNode Generate(Random random, int depth)
    {
        if (depth <= 0 || random.Next(3) == 0)
        {
            return Term(random);
        }

        return random.Next(3) switch
        {
            0 => new SpanQueryAnd([.. Enumerable.Range(0, random.Next(2, 4)).Select(_ => Generate(random, depth - 1))]),
            1 => new SpanQueryOr([.. Enumerable.Range(0, random.Next(2, 4)).Select(_ => Generate(random, depth - 1))]),
            _ => new SpanQueryNot(Generate(random, depth - 1)),
        };
    }

    private static readonly string[] Fields = ["service", "env", "resource_name", "operation_name", "type", "@http.status_code", "@k", "colour"];

    private const string AnyText = "ab Z09 \"\\()*?:-_/.[]{}é";
    private const string WordText = "abZ09/.-_";

    private static SpanQueryTerm Term(Random random)
    {
        if (random.Next(6) == 0)
        {
            return new SpanQueryTerm(null, new SpanQueryExact(Text(random, AnyText, 0, 8)));
        }

        var field = Fields[random.Next(Fields.Length)];
        SpanQueryValue value;
        switch (random.Next(3))
        {
            case 0:
                value = new SpanQueryExact(Text(random, AnyText, 0, 10));
                break;
            case 1:
                var text = Text(random, WordText, 0, 4) + (random.Next(2) == 0 ? "*" : "?") + Text(random, WordText, 0, 4);
                value = new SpanQueryWildcard(new WildcardPattern(text, [.. text.Select(c => c is '*' or '?')]));
                break;
            default:
                value = new SpanQueryRange(Bound(random), random.Next(2) == 0, Bound(random), random.Next(2) == 0);
                break;
        }

        return new SpanQueryTerm(field, value);
    }

    private static SpanQueryBound? Bound(Random random)
    {
        if (random.Next(4) == 0)
        {
            return null;
        }

        var n = random.Next(-1000, 1000);
        return new SpanQueryBound(n.ToString(CultureInfo.InvariantCulture), n);
    }

    private static string Text(Random random, string alphabet, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
