using FsCheck.Xunit;
using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Query.V1;

namespace Tracehound.Tests.Query;

public sealed class SpanQueryPropertyTests
{
    private static readonly Span[] Spans = SpanQueryMatcherTests.SampleSpans();

    [Property(MaxTest = 2000)]
    public void Parse_ArbitraryText_ParsesOrFailsWithAPositionInsideTheQuery(string text)
    {
        try
        {
            _ = SpanQueryParser.Parse(text);
        }
        catch (QueryParameterException ex)
        {
            Assert.NotNull(ex.Position);
            Assert.InRange(ex.Position!.Value, 1, (text?.Length ?? 0) + 1);
        }
    }

    [Property(MaxTest = 1000)]
    public void Parse_PrintedTree_GivesTheSameTree(int seed)
    {
        var tree = SpanQueryPrinter.Generate(new Random(seed), depth: 3);
        var text = SpanQueryPrinter.Print(tree);

        Assert.Equal(Normalize(tree), SpanQueryParser.Parse(text));
    }

    [Property(MaxTest = 500)]
    public void Matches_OperatorsCombineAsBooleans(int seed)
    {
        var random = new Random(seed);
        var a = SpanQueryPrinter.Generate(random, depth: 2);
        var b = SpanQueryPrinter.Generate(random, depth: 2);
        var (textA, textB) = (SpanQueryPrinter.Print(a), SpanQueryPrinter.Print(b));
        var or = SpanQueryMatcher.Compile(SpanQueryParser.Parse($"({textA}) OR ({textB})"));
        var and = SpanQueryMatcher.Compile(SpanQueryParser.Parse($"({textA}) ({textB})"));
        var notA = SpanQueryMatcher.Compile(SpanQueryParser.Parse($"-({textA})"));
        var deMorgan = SpanQueryMatcher.Compile(SpanQueryParser.Parse($"NOT (({textA}) OR ({textB}))"));
        var (matchA, matchB) = (SpanQueryMatcher.Compile(a), SpanQueryMatcher.Compile(b));

        foreach (var span in Spans)
        {
            Assert.Equal(matchA(span) || matchB(span), or(span));
            Assert.Equal(matchA(span) && matchB(span), and(span));
            Assert.Equal(!matchA(span), notA(span));
            Assert.Equal(!matchA(span) && !matchB(span), deMorgan(span));
        }
    }

    /// <summary>The parser gives a lone operand, not a one-operand AND/OR; a printed tree has none of those anyway.</summary>
    private static SpanQueryNode Normalize(SpanQueryNode node) => node switch
    {
        SpanQueryAnd and => new SpanQueryAnd([.. and.Operands.Select(Normalize)]),
        SpanQueryOr or => new SpanQueryOr([.. or.Operands.Select(Normalize)]),
        SpanQueryNot not => new SpanQueryNot(Normalize(not.Operand)),
        _ => node,
    };
}
