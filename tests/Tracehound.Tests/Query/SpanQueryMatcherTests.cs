using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Query.V1;

namespace Tracehound.Tests.Query;

public sealed class SpanQueryMatcherTests
{
    private static readonly Span[] Spans = SampleSpans();

    /// <summary>The sample spans with Datadog views, shared by the property tests.</summary>
    internal static Span[] SampleSpans() => SearchTestSpans.WithViews();

    [Theory]
    [InlineData("", "a1 a2 b1 c1 c2 d1")]
    [InlineData("service:web", "a1 a2")]
    [InlineData("service:billing", "c1")]
    [InlineData("service:legacy", "")]
    [InlineData("service:mixed-case_svc", "c2")]
    [InlineData("service:w*", "a1 a2 d1")]
    [InlineData("service:?pi", "b1")]
    [InlineData("env:prod", "a1 a2")]
    [InlineData("-env:prod", "b1 c1 c2 d1")]
    [InlineData("status:error", "b1 d1")]
    [InlineData("-status:ok", "b1 d1")]
    [InlineData("NOT status:error", "a1 a2 c1 c2")]
    [InlineData("@http.status_code:200", "a1")]
    [InlineData("@http.status_code:[500 TO 599]", "b1")]
    [InlineData("@http.status_code:>=500", "b1")]
    [InlineData("@http.status_code:<500", "a1")]
    [InlineData("@http.status_code:{200 TO 503}", "")]
    [InlineData("@duration:>1s", "b1")]
    [InlineData("@duration:[10ms TO 200ms]", "a1 c1 c2 d1")]
    [InlineData("@duration:<10ms", "a2")]
    [InlineData("@duration:5ms", "a2")]
    [InlineData("@duration:5000000", "a2")]
    [InlineData("resource_name:\"GET /users/{id}\"", "a1")]
    [InlineData("resource_name:GET*", "a1")]
    [InlineData("resource_name:\"GET*\"", "")]
    [InlineData("users", "a1 a2")]
    [InlineData("USERS", "a1 a2")]
    [InlineData("\"upstream unavailable\"", "b1")]
    [InlineData("us?rs", "a1 a2")]
    [InlineData("colour:red", "c1")]
    [InlineData("@colour:red", "c1")]
    [InlineData("@colour:*", "c1")]
    [InlineData("host:web-1", "a1 a2")]
    [InlineData("service:web OR service:api", "a1 a2 b1")]
    [InlineData("(service:web OR service:api) status:error", "b1")]
    [InlineData("service:web OR service:api status:error", "a1 a2 b1")]
    [InlineData("service:web AND -@duration:<10ms", "a1")]
    [InlineData("trace_id:c0c0c0c0c0c0c0c03000000000000003", "c1 c2")]
    [InlineData("trace_id:3000000000000003", "c1 c2")]
    [InlineData("trace_id:4611686018427387908", "d1")]
    [InlineData("span_id:b1", "b1")]
    public void Matches_Query_SelectsTheExpectedSpans(string query, string expected)
    {
        var matches = SpanQueryMatcher.Compile(SpanQueryParser.Parse(query));

        var found = string.Join(" ", Spans.Where(matches).Select(s => s.SpanId.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, found);
    }

    [Fact]
    public void Matches_DerivedViews_AreWhatTheTestsAssume()
    {
        Assert.Equal("billing", Spans[3].Datadog!.Service);
        Assert.Equal("mixed-case_svc", Spans[4].Datadog!.Service);
        Assert.Equal("GET /users/{id}", Spans[0].Datadog!.Resource);
        Assert.Equal(1, Spans[5].Datadog!.Error);
    }
}
