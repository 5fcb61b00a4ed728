using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

public sealed class JaegerSearchParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_704_067_200);

    private static JaegerSearchRequest Parse(string queryString) =>
        JaegerSearchParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(queryString)), Now);

    [Fact]
    public void Parse_AllParameters_BuildsQuery()
    {
        var query = Parse("?service=frontend&operation=GET%20%2Fx&tags=%7B%22a%22%3A%22b%22%7D&minDuration=1ms&maxDuration=1.5s&start=1000&end=2000&limit=5").Query!;

        Assert.Equal("frontend", query.ServiceName);
        Assert.Equal("GET /x", query.OperationName);
        Assert.Equal([new KeyValuePair<string, string>("a", "b")], query.Tags);
        Assert.Equal(1_000_000, query.MinDurationNanos);
        Assert.Equal(1_500_000_000, query.MaxDurationNanos);
        Assert.Equal(1_000_000, query.StartTimeMinUnixNano);
        Assert.Equal(2_000_000, query.StartTimeMaxUnixNano);
        Assert.Equal(5, query.Limit);
    }

    [Fact]
    public void Parse_OnlyService_HasDefaultsAndNoTimeBounds()
    {
        var query = Parse("?service=frontend").Query!;

        Assert.Null(query.OperationName);
        Assert.Empty(query.Tags);
        Assert.Null(query.MinDurationNanos);
        Assert.Null(query.StartTimeMinUnixNano);
        Assert.Null(query.StartTimeMaxUnixNano);
        Assert.Equal(20, query.Limit);
    }

    [Fact]
    public void Parse_LookbackWithoutStart_CountsBackFromNow()
    {
        var query = Parse("?service=s&lookback=2d").Query!;

        Assert.Equal((1_704_067_200L - (2 * 86_400)) * 1_000_000_000, query.StartTimeMinUnixNano);
    }

    [Fact]
    public void Parse_LookbackWithEnd_CountsBackFromEnd()
    {
        var query = Parse("?service=s&lookback=1h&end=7200000000").Query!;

        Assert.Equal(3_600_000_000_000, query.StartTimeMinUnixNano);
        Assert.Equal(7_200_000_000_000, query.StartTimeMaxUnixNano);
    }

    [Fact]
    public void Parse_StartAndLookback_StartWins()
    {
        var query = Parse("?service=s&lookback=1h&start=5").Query!;

        Assert.Equal(5_000, query.StartTimeMinUnixNano);
    }

    [Fact]
    public void Parse_CustomLookback_IsIgnored()
    {
        Assert.Null(Parse("?service=s&lookback=custom").Query!.StartTimeMinUnixNano);
    }

    [Theory]
    [InlineData("0", 20)]
    [InlineData("-3", 20)]
    [InlineData("1500", 1500)]
    [InlineData("100000", 1500)]
    public void Parse_Limit_DefaultsAndCaps(string limit, int expected)
    {
        Assert.Equal(expected, Parse("?service=s&limit=" + limit).Query!.Limit);
    }

    [Fact]
    public void Parse_TraceIds_IgnoresOtherParameters()
    {
        var request = Parse("?traceID=abc&traceID=0af7651916cd43dd8448eb211c80319c&minDuration=bogus");

        Assert.Null(request.Query);
        Assert.Equal(["abc", "0af7651916cd43dd8448eb211c80319c"], request.TraceIds.Select(t => t.Text));
    }

    [Theory]
    [InlineData("?operation=x")]
    [InlineData("?service=s&minDuration=10")]
    [InlineData("?service=s&maxDuration=abc")]
    [InlineData("?service=s&minDuration=2s&maxDuration=1s")]
    [InlineData("?service=s&start=yesterday")]
    [InlineData("?service=s&end=-5")]
    [InlineData("?service=s&start=10&end=5")]
    [InlineData("?service=s&limit=ten")]
    [InlineData("?service=s&lookback=forever")]
    [InlineData("?service=s&tags=%7Bbroken")]
    [InlineData("?service=s&tag=nocolon")]
    [InlineData("?traceID=nothex")]
    [InlineData("?service=s&start=99999999999999999")]
    public void Parse_Malformed_Throws(string queryString)
    {
        Assert.Throws<QueryParameterException>(() => Parse(queryString));
    }
}
