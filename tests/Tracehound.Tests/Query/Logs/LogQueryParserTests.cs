using Tracehound.Model;
using Tracehound.Query.Logs;
using Tracehound.Query.Parsing;
using Tracehound.Storage;
using Xunit;

namespace Tracehound.Tests.Query.Logs;

public sealed class LogQueryParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Parse_EmptyQuery_HasNoTerms(string? query) => Assert.Empty(LogQueryParser.Parse(query));

    [Fact]
    public void Parse_FreeWords_AreTextTermsEach()
    {
        var terms = LogQueryParser.Parse("  payment   failed ");

        Assert.Equal([new LogQueryTerm(LogQueryTermKind.Text, "payment", false), new LogQueryTerm(LogQueryTermKind.Text, "failed", false)], terms);
    }

    [Fact]
    public void Parse_QuotedPhrase_IsOneTextTermWithItsSpacesAndColons()
    {
        var term = Assert.Single(LogQueryParser.Parse("\"GET /orders: took  5 ms\""));

        Assert.Equal(new LogQueryTerm(LogQueryTermKind.Text, "GET /orders: took  5 ms", false), term);
    }

    [Theory]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("\"C:\\\\temp\"", "C:\\temp")]
    [InlineData("\"a\\b\"", "ab")]
    [InlineData("\"\"", "")]
    public void Parse_QuotedPhraseWithEscapes_Unescapes(string query, string expected) =>
        Assert.Equal(expected, Assert.Single(LogQueryParser.Parse(query)).Value);

    [Fact]
    public void Parse_LeadingMinus_NegatesWordsPhrasesAndFields()
    {
        var terms = LogQueryParser.Parse("-debug -\"health check\" -service:web -@user:bob");

        Assert.All(terms, t => Assert.True(t.Negated));
        Assert.Equal(["debug", "health check", "web", "bob"], terms.Select(t => t.Value));
    }

    [Fact]
    public void Parse_LoneMinusOrInnerMinus_IsText()
    {
        var terms = LogQueryParser.Parse("- a-b");

        Assert.Equal([new LogQueryTerm(LogQueryTermKind.Text, "-", false), new LogQueryTerm(LogQueryTermKind.Text, "a-b", false)], terms);
    }

    [Fact]
    public void Parse_Service_KeepsValueAndWildcard()
    {
        var terms = LogQueryParser.Parse("service:checkout service:\"web api\" service:pay*");

        Assert.All(terms, t => Assert.Equal(LogQueryTermKind.Service, t.Kind));
        Assert.Equal(["checkout", "web api", "pay*"], terms.Select(t => t.Value));
    }

    [Theory]
    [InlineData("trace", 1, 4)]
    [InlineData("debug", 5, 8)]
    [InlineData("info", 9, 12)]
    [InlineData("ok", 9, 12)]
    [InlineData("notice", 9, 12)]
    [InlineData("warn", 13, 16)]
    [InlineData("warning", 13, 16)]
    [InlineData("WARN", 13, 16)]
    [InlineData("error", 17, 20)]
    [InlineData("err", 17, 20)]
    [InlineData("Error", 17, 20)]
    [InlineData("fatal", 21, 24)]
    [InlineData("critical", 21, 24)]
    [InlineData("emergency", 21, 24)]
    [InlineData("alert", 21, 24)]
    public void Parse_Status_MapsToTheOtlpSeverityRange(string status, int min, int max)
    {
        var term = Assert.Single(LogQueryParser.Parse("status:" + status));

        Assert.Equal(LogQueryTermKind.Status, term.Kind);
        Assert.Equal((min, max), (term.MinSeverity, term.MaxSeverity));
    }

    [Fact]
    public void Parse_TraceIdFullHex_IsOneFullLookup()
    {
        var term = Assert.Single(LogQueryParser.Parse("trace_id:0102030405060708090a0b0c0d0e0f10"));

        Assert.Equal(LogQueryTermKind.TraceId, term.Kind);
        Assert.Equal(TraceLookup.Full(new TraceId(0x0102030405060708, 0x090a0b0c0d0e0f10)), term.Trace);
        Assert.Null(term.TraceFallback);
    }

    [Fact]
    public void Parse_TraceIdShortHex_LooksUpTheLow64Bits()
    {
        var term = Assert.Single(LogQueryParser.Parse("trace_id:abc"));

        Assert.Equal(TraceLookup.ByLow64(0xabc), term.Trace);
        Assert.Null(term.TraceFallback);
    }

    [Fact]
    public void Parse_TraceIdDecimalDigits_LooksUpHexThenTheDecimalLow64()
    {
        var term = Assert.Single(LogQueryParser.Parse("trace_id:1234567890123456"));

        Assert.Equal(TraceLookup.ByLow64(0x1234567890123456), term.Trace);
        Assert.Equal(TraceLookup.ByLow64(1234567890123456), term.TraceFallback);
    }

    [Fact]
    public void Parse_Attribute_KeepsNameAndValue()
    {
        var terms = LogQueryParser.Parse("@http.status_code:500 @user.name:\"Zoë K\" @cache:*");

        Assert.Equal(
            [
                new LogQueryTerm(LogQueryTermKind.Attribute, "500", false) { Name = "http.status_code" },
                new LogQueryTerm(LogQueryTermKind.Attribute, "Zoë K", false) { Name = "user.name" },
                new LogQueryTerm(LogQueryTermKind.Attribute, "*", false) { Name = "cache" },
            ],
            terms);
    }

    [Fact]
    public void Parse_MixedQuery_KeepsTermOrder()
    {
        var kinds = LogQueryParser.Parse("service:web \"timed out\" -status:debug @region:eu trace_id:ff retry").Select(t => t.Kind);

        Assert.Equal([LogQueryTermKind.Service, LogQueryTermKind.Text, LogQueryTermKind.Status, LogQueryTermKind.Attribute, LogQueryTermKind.TraceId, LogQueryTermKind.Text], kinds);
    }

    [Theory]
    [InlineData("status:loud", "status:loud is not trace, debug, info, warn, error or fatal")]
    [InlineData("colour:red", "unknown field 'colour'")]
    [InlineData("Service:web", "unknown field 'Service'")]
    [InlineData("http://x", "unknown field 'http'")]
    [InlineData("@:x", "unknown field '@'")]
    [InlineData("service:", "the term 'service:' has no value")]
    [InlineData("@user:\"\"", "the term '@user:' has no value")]
    [InlineData("trace_id:xyz", "unable to parse param 'trace_id'")]
    [InlineData("trace_id:0", "trace ID must not be zero")]
    [InlineData("\"open", "a quoted value is not closed")]
    [InlineData("service:\"web", "a quoted value is not closed")]
    public void Parse_BadSyntax_ThrowsWithTheReason(string query, string reason)
    {
        var error = Assert.Throws<QueryParameterException>(() => LogQueryParser.Parse(query));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
