using Tracehound.Model;
using Tracehound.Query.Logs;
using Tracehound.Storage;
using Xunit;

namespace Tracehound.Tests.Query.Logs;

public sealed class LogQueryMatcherTests
{
    private static readonly LogRecord s_record = new()
    {
        TimeUnixNano = 1,
        SeverityNumber = 13,
        Body = AnyValue.FromString("Payment FAILED for order \"42\" (C:\\pay)"),
        TraceId = new TraceId(0xaa, 0xbb),
        Attributes = [KeyValue.String("user", "Zoë"), KeyValue.Int("http.status_code", 502), KeyValue.Double("ratio", 5.0), KeyValue.String("env", "local")],
        Resource = new Resource([KeyValue.String("service.name", "Checkout-API"), KeyValue.String("env", "prod"), KeyValue.String("region", "eu-west")]),
    };

    [Theory]
    [InlineData("payment", true)]
    [InlineData("PAYMENT failed", true)]
    [InlineData("\"payment failed\"", true)]
    [InlineData("\"failed payment\"", false)]
    [InlineData("\"order \\\"42\\\"\"", true)]
    [InlineData("\"C:\\\\pay\"", true)]
    [InlineData("refund", false)]
    [InlineData("-refund", true)]
    [InlineData("-payment", false)]
    [InlineData("\"\"", true)]
    [InlineData("-\"\"", false)]
    public void Matches_Text_IsCaseInsensitiveContainsInTheMessage(string query, bool expected) => AssertMatch(query, expected);

    [Fact]
    public void Matches_TextOnStructuredBody_SearchesItsJson()
    {
        var record = new LogRecord { Body = AnyValue.FromKeyValueList([KeyValue.String("event", "Login")]), Resource = s_record.Resource };

        Assert.True(LogQueryMatcher.Matches(record, LogQueryParser.Parse("\"\\\"event\\\":\\\"login\\\"\"")));
        Assert.False(LogQueryMatcher.Matches(record, LogQueryParser.Parse("logout")));
    }

    [Theory]
    [InlineData("service:checkout-api", true)]
    [InlineData("service:Checkout*", true)]
    [InlineData("service:*", true)]
    [InlineData("service:checkout", false)]
    [InlineData("-service:checkout-api", false)]
    public void Matches_Service_IgnoresCaseAndTakesATrailingWildcard(string query, bool expected) => AssertMatch(query, expected);

    [Theory]
    [InlineData("status:warn", true)]
    [InlineData("status:WARNING", true)]
    [InlineData("status:error", false)]
    [InlineData("status:info", false)]
    [InlineData("-status:error", true)]
    public void Matches_Status_ComparesTheSeverityRange(string query, bool expected) => AssertMatch(query, expected);

    [Theory]
    [InlineData("@user:zoë", true)]
    [InlineData("@user:Z*", true)]
    [InlineData("@user:*", true)]
    [InlineData("@user:zo", false)]
    [InlineData("@http.status_code:502", true)]
    [InlineData("@ratio:5", true)]
    [InlineData("@missing:*", false)]
    [InlineData("-@user:bob", true)]
    [InlineData("@User:zoë", false)]
    public void Matches_Attribute_ComparesTheValueTextIgnoringCase(string query, bool expected) => AssertMatch(query, expected);

    [Theory]
    [InlineData("@region:eu-west", true)]
    [InlineData("@region:eu*", true)]
    [InlineData("@env:local", true)]
    [InlineData("@env:prod", false)]
    public void Matches_Attribute_FallsBackToTheResourceOnlyWhenTheRecordLacksTheName(string query, bool expected) => AssertMatch(query, expected);

    [Theory]
    [InlineData("trace_id:00000000000000aa00000000000000bb", true)]
    [InlineData("trace_id:00000000000000ab00000000000000bb", false)]
    [InlineData("trace_id:bb", true)]
    [InlineData("trace_id:187", true)]
    [InlineData("trace_id:bc", false)]
    [InlineData("-trace_id:bb", false)]
    public void Matches_TraceId_FullLow64AndDecimalForms(string query, bool expected) => AssertMatch(query, expected);

    [Fact]
    public void Matches_TraceIdFull_AcceptsARecordThatKnewOnlyTheLowBits()
    {
        var record = new LogRecord { TraceId = new TraceId(0, 0xbb), Resource = s_record.Resource };

        Assert.True(LogQueryMatcher.Matches(record, LogQueryParser.Parse("trace_id:00000000000000aa00000000000000bb")));
        Assert.False(LogQueryMatcher.Matches(record, LogQueryParser.Parse("trace_id:00000000000000aa00000000000000bc")));
    }

    [Theory]
    [InlineData("service:checkout-api status:warn payment @user:zoë", true)]
    [InlineData("service:checkout-api status:warn refund", false)]
    public void Matches_SeveralTerms_AllMustHold(string query, bool expected) => AssertMatch(query, expected);

    private static void AssertMatch(string query, bool expected) =>
        Assert.Equal(expected, LogQueryMatcher.Matches(s_record, LogQueryParser.Parse(query)));
}
