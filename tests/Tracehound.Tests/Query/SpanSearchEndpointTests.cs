using System.Net;
using System.Text.Json;

namespace Tracehound.Tests.Query;

public sealed class SpanSearchEndpointTests(QueryApiServer server) : IClassFixture<QueryApiServer>
{
    [Fact]
    public async Task Spans_ServiceTerm_ReturnsOnlyThatServicesSpansNewestFirst()
    {
        using var response = await server.Client.GetAsync(new Uri("/api/v1/spans?query=service%3Abackend", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = body.RootElement.GetProperty("spans").EnumerateArray().ToList();
        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.Equal("backend", s.GetProperty("resource").GetProperty("service.name").GetString()));
        var starts = spans.Select(s => s.GetProperty("start").GetInt64()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
    }

    [Theory]
    [InlineData("/api/v1/spans?query=service%3Aa%29")]
    [InlineData("/api/v1/spans?query=%28free+text")]
    [InlineData("/api/v1/spans?query=%40duration%3A%3Efast")]
    [InlineData("/api/v1/spans?limit=lots")]
    [InlineData("/api/v1/spans?from=yesterday")]
    public async Task Spans_BadParameters_Are400WithAReason(string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetString()));
    }
}
