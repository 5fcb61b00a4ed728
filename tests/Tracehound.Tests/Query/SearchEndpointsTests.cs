using System.Net;
using System.Text.Json;

namespace Tracehound.Tests.Query;

/// <summary>The full query language over HTTP: span search, facets and trace summaries.</summary>
public sealed class SearchEndpointsTests(SearchApiServer server) : IClassFixture<SearchApiServer>
{
    private const long BaseMillis = SearchTestSpans.Base / 1_000_000;

    [Fact]
    public async Task Spans_ServiceFromDatadogServiceAttribute_IsFound()
    {
        var (status, body) = await GetAsync("/api/v1/spans?query=" + Uri.EscapeDataString("service:billing"));

        Assert.Equal(HttpStatusCode.OK, status);
        var span = Assert.Single(body.GetProperty("spans").EnumerateArray());
        Assert.Equal("charge", span.GetProperty("name").GetString());
        Assert.Equal("billing", span.GetProperty("datadog").GetProperty("service").GetString());
    }

    [Fact]
    public async Task Spans_OrWithParenthesesAndLimit_NewestFirst()
    {
        var (_, body) = await GetAsync("/api/v1/spans?limit=2&query=" + Uri.EscapeDataString("(service:web OR service:api) -@duration:<10ms"));

        var names = body.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["POST /orders", "GET /users/{id}"], names);
    }

    [Fact]
    public async Task Spans_SyntaxError_Is400WithPositionAndReason()
    {
        var (status, body) = await GetAsync("/api/v1/spans?query=" + Uri.EscapeDataString("service:web (env:prod"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(13, body.GetProperty("position").GetInt32());
        Assert.Contains("'(' is not closed", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_NoQuery_CountsEveryFacetOverAllSpans()
    {
        var (status, body) = await GetAsync("/api/v1/spans/facets");

        Assert.Equal(HttpStatusCode.OK, status);
        var facets = body.GetProperty("facets");
        Assert.Equal("web:2 api:1 billing:1 mixed-case_svc:1 worker:1", Facet(facets, "service"));
        Assert.Equal("ok:4 error:2", Facet(facets, "status"));
        Assert.Equal("200:1 503:1", Facet(facets, "http.status_code"));
        Assert.Equal("prod:2 staging:1", Facet(facets, "env"));
        Assert.Contains("GET /users/{id}:1", Facet(facets, "resource_name"), StringComparison.Ordinal);
        Assert.Equal(6, Facet(facets, "operation_name").Split(' ').Sum(v => int.Parse(v[(v.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(6, body.GetProperty("matched").GetInt64());
        Assert.Equal(6, body.GetProperty("scanned").GetInt64());
        Assert.False(body.GetProperty("sampled").GetBoolean());
    }

    [Fact]
    public async Task Facets_QueryAndTimeRange_CountOnlyMatchingSpansInRange()
    {
        var (_, body) = await GetAsync($"/api/v1/spans/facets?from={BaseMillis + 1500}&to={BaseMillis + 5000}&query=" + Uri.EscapeDataString("-service:api"));

        var facets = body.GetProperty("facets");
        Assert.Equal("billing:1 mixed-case_svc:1 worker:1", Facet(facets, "service"));
        Assert.Equal(string.Empty, Facet(facets, "env"));
        Assert.Equal(3, body.GetProperty("matched").GetInt64());
    }

    [Fact]
    public async Task Traces_Match_SummarizesWholeTracesNewestFirst()
    {
        var (status, body) = await GetAsync("/api/v1/traces?query=" + Uri.EscapeDataString("@duration:<=10ms"));

        Assert.Equal(HttpStatusCode.OK, status);
        var traces = body.GetProperty("traces").EnumerateArray().ToList();
        Assert.Equal([SearchTestSpans.TraceC.ToHex(), SearchTestSpans.TraceA.ToHex()], traces.Select(t => t.GetProperty("traceId").GetString()));

        var c = traces[0];
        Assert.Equal("billing", c.GetProperty("rootService").GetString());
        Assert.Equal(SearchTestSpans.Base + (2000 * SearchTestSpans.Ms), c.GetProperty("start").GetInt64());
        Assert.Equal(200 * SearchTestSpans.Ms, c.GetProperty("duration").GetInt64());
        Assert.Equal(2, c.GetProperty("spanCount").GetInt32());
        Assert.Equal(0, c.GetProperty("errorCount").GetInt32());
        Assert.Equal(1, c.GetProperty("matchedSpans").GetInt32());
        Assert.Equal(["billing:1", "mixed-case_svc:1"], c.GetProperty("services").EnumerateArray()
            .Select(s => s.GetProperty("service").GetString() + ":" + s.GetProperty("spanCount").GetInt32()));

        var a = traces[1];
        Assert.Equal("web", a.GetProperty("rootService").GetString());
        Assert.Equal("GET /users/{id}", a.GetProperty("rootResource").GetString());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("rootName").GetString()));
        Assert.Equal(50 * SearchTestSpans.Ms, a.GetProperty("duration").GetInt64());
        Assert.Equal(["web:2"], a.GetProperty("services").EnumerateArray()
            .Select(s => s.GetProperty("service").GetString() + ":" + s.GetProperty("spanCount").GetInt32()));
    }

    [Fact]
    public async Task Traces_ErrorsAndLimit_CountErrorsAndStopAtLimit()
    {
        var (_, body) = await GetAsync("/api/v1/traces?limit=1&query=status%3Aerror");

        var trace = Assert.Single(body.GetProperty("traces").EnumerateArray());
        Assert.Equal(SearchTestSpans.TraceD.ToHex(), trace.GetProperty("traceId").GetString());
        Assert.Equal(1, trace.GetProperty("errorCount").GetInt32());
        Assert.Equal(1, trace.GetProperty("matchedSpans").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/traces?query=%40duration%3A%3E")]
    [InlineData("/api/v1/traces?limit=0")]
    [InlineData("/api/v1/spans/facets?to=soon")]
    public async Task NewEndpoints_BadParameters_Are400WithAReason(string path)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    private static string Facet(JsonElement facets, string name) =>
        string.Join(" ", facets.GetProperty(name).EnumerateArray().Select(v => v.GetProperty("value").GetString() + ":" + v.GetProperty("count").GetInt64()));

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
