using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

public sealed class SpanQueryParserTests
{
    private static SpanQueryTerm T(string? field, string text) => new(field, new SpanQueryExact(text));

    [Fact]
    public void Parse_TheIssuesExample_GivesAnAndOfEveryTerm()
    {
        var query = SpanQueryParser.Parse("service:web env:prod @http.status_code:500 @duration:>1s resource_name:\"GET /users/?\" -status:ok span.type:sql");

        var and = Assert.IsType<SpanQueryAnd>(query);
        Assert.Equal(7, and.Operands.Count);
        Assert.Equal(T("service", "web"), and.Operands[0]);
        Assert.Equal(T("env", "prod"), and.Operands[1]);
        Assert.Equal(T("@http.status_code", "500"), and.Operands[2]);
        Assert.Equal(new SpanQueryTerm("@duration", new SpanQueryRange(new SpanQueryBound("1s", 1e9), false, null, false)), and.Operands[3]);
        Assert.Equal(T("resource_name", "GET /users/?"), and.Operands[4]);
        Assert.Equal(new SpanQueryNot(T("status", "ok")), and.Operands[5]);
        Assert.Equal(T("type", "sql"), and.Operands[6]);
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var query = SpanQueryParser.Parse("service:a service:b OR service:c AND env:x");

        Assert.Equal(
            new SpanQueryOr([new SpanQueryAnd([T("service", "a"), T("service", "b")]), new SpanQueryAnd([T("service", "c"), T("env", "x")])]),
            query);
    }

    [Fact]
    public void Parse_ParenthesesOverridePrecedence()
    {
        var query = SpanQueryParser.Parse("(service:a OR service:b) env:x");

        Assert.Equal(new SpanQueryAnd([new SpanQueryOr([T("service", "a"), T("service", "b")]), T("env", "x")]), query);
    }

    [Theory]
    [InlineData("NOT service:a")]
    [InlineData("-service:a")]
    [InlineData("NOT (service:a)")]
    [InlineData("-(service:a)")]
    public void Parse_NotAndMinus_AreTheSameNegation(string text) =>
        Assert.Equal(new SpanQueryNot(T("service", "a")), SpanQueryParser.Parse(text));

    [Fact]
    public void Parse_NotAppliesToOneTermOnly() =>
        Assert.Equal(new SpanQueryAnd([new SpanQueryNot(T("service", "a")), T("env", "b")]), SpanQueryParser.Parse("NOT service:a env:b"));

    [Theory]
    [InlineData("service:my-service", "my-service")]
    [InlineData("@http.url:http://x/y?z=1", null)]
    [InlineData("@k:a\\ b", "a b")]
    [InlineData("@k:\\*literal", "*literal")]
    public void Parse_UnquotedValues_KeepDashesColonsAndEscapes(string text, string? exact)
    {
        var term = Assert.IsType<SpanQueryTerm>(SpanQueryParser.Parse(text));
        if (exact is not null)
        {
            Assert.Equal(new SpanQueryExact(exact), term.Value);
        }
        else
        {
            Assert.IsType<SpanQueryWildcard>(term.Value); // the unescaped '?' of the URL is a wildcard
        }
    }

    [Fact]
    public void Parse_QuotedValue_IsExactEvenWithWildcardCharacters()
    {
        Assert.Equal(T("resource_name", "GET /users/*?"), SpanQueryParser.Parse("resource_name:\"GET /users/*?\""));
        Assert.Equal(T("@msg", "say \"hi\""), SpanQueryParser.Parse("@msg:\"say \\\"hi\\\"\""));
    }

    [Fact]
    public void Parse_UnquotedWildcards_AreWildcards()
    {
        var term = Assert.IsType<SpanQueryTerm>(SpanQueryParser.Parse("resource_name:GET\\ /users/?"));
        var wildcard = Assert.IsType<SpanQueryWildcard>(term.Value);

        Assert.True(wildcard.Pattern.IsMatch("GET /users/7"));
        Assert.False(wildcard.Pattern.IsMatch("GET /users/42"));
        Assert.False(wildcard.Pattern.IsMatch("GET /users/"));
    }

    [Fact]
    public void Parse_Ranges_InclusiveExclusiveAndOpen()
    {
        Assert.Equal(new SpanQueryRange(new("400", 400), true, new("499", 499), true),
            ((SpanQueryTerm)SpanQueryParser.Parse("@http.status_code:[400 TO 499]")).Value);
        Assert.Equal(new SpanQueryRange(new("a", null), false, new("m", null), false),
            ((SpanQueryTerm)SpanQueryParser.Parse("@k:{a TO m}")).Value);
        Assert.Equal(new SpanQueryRange(null, true, new("5", 5), true),
            ((SpanQueryTerm)SpanQueryParser.Parse("@n:[* TO 5]")).Value);
    }

    [Theory]
    [InlineData("@http.status_code:>=500", 500.0, true, true)]
    [InlineData("@http.status_code:>500", 500.0, false, true)]
    [InlineData("@http.status_code:<=500", 500.0, true, false)]
    [InlineData("@http.status_code:<500", 500.0, false, false)]
    [InlineData("@duration:>=250ms", 250_000_000.0, true, true)]
    [InlineData("@duration:<2s", 2_000_000_000.0, false, false)]
    [InlineData("@duration:<=10us", 10_000.0, true, false)]
    [InlineData("@duration:>1500", 1500.0, false, true)]
    public void Parse_Comparisons_AreOneSidedRanges(string text, double bound, bool inclusive, bool lower)
    {
        var range = Assert.IsType<SpanQueryRange>(((SpanQueryTerm)SpanQueryParser.Parse(text)).Value);
        var (set, open) = lower ? (range.Lower, range.Upper) : (range.Upper, range.Lower);

        Assert.Equal(bound, set!.Number);
        Assert.Equal(inclusive, lower ? range.LowerInclusive : range.UpperInclusive);
        Assert.Null(open);
    }

    [Fact]
    public void Parse_DurationRangeWithUnits_IsNanoseconds() =>
        Assert.Equal(new SpanQueryRange(new("1ms", 1e6), true, new("2s", 2e9), true),
            ((SpanQueryTerm)SpanQueryParser.Parse("@duration:[1ms TO 2s]")).Value);

    [Fact]
    public void Parse_ExactDuration_IsAPointRange() =>
        Assert.Equal(new SpanQueryRange(new("5ms", 5e6), true, new("5ms", 5e6), true), ((SpanQueryTerm)SpanQueryParser.Parse("@duration:5ms")).Value);

    [Fact]
    public void Parse_FreeTextWordsAndPhrases_HaveNoField()
    {
        Assert.Equal(new SpanQueryAnd([T(null, "checkout"), T(null, "payment failed")]), SpanQueryParser.Parse("checkout \"payment failed\""));
        var wildcard = Assert.IsType<SpanQueryWildcard>(((SpanQueryTerm)SpanQueryParser.Parse("user*")).Value);
        Assert.True(wildcard.Pattern.IsMatch("GET /api/users/7"));
    }

    [Fact]
    public void Parse_LowerCaseOperators_AreFreeText() =>
        Assert.Equal(new SpanQueryAnd([T("service", "a"), T(null, "or"), T("service", "b")]), SpanQueryParser.Parse("service:a or service:b"));

    [Fact]
    public void Parse_TagsAndTraceIds()
    {
        Assert.Equal(T("colour", "red"), SpanQueryParser.Parse("colour:red"));
        Assert.Equal(T("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"), SpanQueryParser.Parse("trace_id:4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_IsAnEmptyAnd(string? query) => Assert.Equal(new SpanQueryAnd([]), SpanQueryParser.Parse(query));

    [Theory]
    [InlineData("service:", 9, "has no value")]
    [InlineData("status:maybe", 8, "status:maybe")]
    [InlineData("@duration:>fast", 12, "@duration")]
    [InlineData("resource_name:\"unterminated", 15, "quote is not closed")]
    [InlineData("(service:a", 1, "'(' is not closed")]
    [InlineData("service:a)", 10, "')' without a matching '('")]
    [InlineData("service:a OR", 11, "OR needs a term")]
    [InlineData("AND service:a", 1, "AND needs a term")]
    [InlineData("service:a AND AND env:b", 11, "AND needs a term")]
    [InlineData("NOT", 1, "NOT needs a term")]
    [InlineData("- service:a", 1, "'-' must be followed")]
    [InlineData("()", 1, "empty parentheses")]
    [InlineData(":web", 1, "field name is missing")]
    [InlineData("@:x", 1, "'@' needs an attribute name")]
    [InlineData("@code:[1 TO", 7, "not closed")]
    [InlineData("@code:[1 5]", 7, "[LOW TO HIGH]")]
    [InlineData("@code:>", 7, "needs a value")]
    [InlineData("trace_id:xyz", 10, "malformed trace ID")]
    [InlineData("span_id:12345678901234567", 9, "span_id")]
    [InlineData("@duration:1*", 11, "not a wildcard")]
    [InlineData("serv*ce:web", 1, "wildcard")]
    [InlineData("@k:\"a\"b", 7, "right after a quoted value")]
    [InlineData("@k:a\\", 5, "escapes nothing")]
    public void Parse_Malformed_ThrowsWithPositionAndReason(string query, int position, string reason)
    {
        var error = Assert.Throws<QueryParameterException>(() => SpanQueryParser.Parse(query));

        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"query syntax error at position {position}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedNotAStackOverflow()
    {
        var error = Assert.Throws<QueryParameterException>(() => SpanQueryParser.Parse(new string('(', 10_000) + "a" + new string(')', 10_000)));
        Assert.Contains("the query is longer than", error.Message, StringComparison.Ordinal);

        var nested = Assert.Throws<QueryParameterException>(() => SpanQueryParser.Parse(new string('(', 1000) + "a" + new string(')', 1000)));
        Assert.Contains("nests deeper", nested.Message, StringComparison.Ordinal);
    }
}
