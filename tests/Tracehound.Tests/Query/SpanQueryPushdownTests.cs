using Tracehound.Query.Parsing;
using Tracehound.Query.V1;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

public sealed class SpanQueryPushdownTests
{
    private static SpanSearch Apply(string query) => SpanQueryPushdown.Apply(SpanQueryParser.Parse(query), new SpanSearch());

    [Fact]
    public void Apply_TopLevelAndTerms_AreNarrowedByTheStore()
    {
        var search = Apply("service:web -status:ok @duration:{1ms TO 2.5ms] trace_id:3000000000000003 env:prod");

        Assert.Equal("web", search.DatadogService);
        Assert.True(search.DatadogError);
        Assert.Equal(1_000_001, search.MinDurationNanos);
        Assert.Equal(2_500_000, search.MaxDurationNanos);
        Assert.Equal([TraceLookup.ByLow64(0x3000000000000003), TraceLookup.ByLow64(3000000000000003)], search.TraceIds); // hex, then the same digits as a decimal id
    }

    [Theory]
    [InlineData("service:web OR service:api")]
    [InlineData("-service:web")]
    [InlineData("service:web*")]
    [InlineData("status:ok")]
    [InlineData("-status:error")]
    [InlineData("(service:web env:prod) OR env:dev")]
    public void Apply_TermsThatAreNotNecessary_AreNotPushedDown(string query)
    {
        var search = Apply(query);

        Assert.Null(search.DatadogService);
        Assert.False(search.DatadogError);
        Assert.Null(search.MinDurationNanos);
        Assert.Null(search.TraceIds);
    }
}
