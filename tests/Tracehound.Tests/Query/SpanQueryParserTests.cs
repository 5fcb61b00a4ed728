using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

public sealed class SpanQueryParserTests
{
    [Fact]
    public void Parse_TheIssuesExample_GivesEveryTerm()
    {
        var terms = SpanQueryParser.Parse("service:web env:prod @http.status_code:500 @duration:>1s resource_name:\"GET /users/?\" -status:ok span.type:sql");

        Assert.Equal(7, terms.Count);
        Assert.Equal(new SpanQueryTerm("service", "web", false), terms[0]);
        Assert.Equal(new SpanQueryTerm("env", "prod", false), terms[1]);
        Assert.Equal(new SpanQueryTerm("@http.status_code", "500", false), terms[2]);
        Assert.Equal(SpanQueryComparison.Greater, terms[3].Comparison);
        Assert.Equal(1_000_000_000, terms[3].DurationNanos);
        Assert.Equal(new SpanQueryTerm("resource_name", "GET /users/?", false), terms[4]);
        Assert.Equal(new SpanQueryTerm("status", "ok", true), terms[5]);
        Assert.Equal("type", terms[6].Field);
    }

    [Theory]
    [InlineData("@duration:>=250ms", "GreaterOrEqual", 250_000_000L)]
    [InlineData("@duration:<2s", "Less", 2_000_000_000L)]
    [InlineData("@duration:<=10us", "LessOrEqual", 10_000L)]
    [InlineData("@duration:5ms", "Equal", 5_000_000L)]
    public void Parse_DurationComparisons(string query, string comparison, long nanos)
    {
        var term = Assert.Single(SpanQueryParser.Parse(query));
        Assert.Equal(comparison, term.Comparison.ToString());
        Assert.Equal(nanos, term.DurationNanos);
    }

    [Fact]
    public void Parse_QuotedValueWithEscapes_Unescapes() =>
        Assert.Equal("say \"hi\"", Assert.Single(SpanQueryParser.Parse("@msg:\"say \\\"hi\\\"\"")).Value);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_MatchesEverything(string? query) => Assert.Empty(SpanQueryParser.Parse(query));

    [Theory]
    [InlineData("hello")]
    [InlineData("colour:red")]
    [InlineData("service:")]
    [InlineData("status:maybe")]
    [InlineData("@duration:>fast")]
    [InlineData("resource_name:\"unterminated")]
    public void Parse_Malformed_ThrowsWithAReason(string query)
    {
        var error = Assert.Throws<QueryParameterException>(() => SpanQueryParser.Parse(query));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }
}
