using System.Net;
using System.Text.Json;

namespace Tracehound.Tests.Query;

public sealed class DependenciesEndpointTests(QueryApiServer server) : IClassFixture<QueryApiServer>
{
    [Fact]
    public async Task Dependencies_WholeTime_ListsTheServiceEdgeInJaegersShape()
    {
        using var response = await server.Client.GetAsync(new Uri("/api/dependencies?endTs=9000000000000&lookback=9000000000000", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(links, l => l.GetProperty("parent").GetString() == "frontend"
            && l.GetProperty("child").GetString() == "backend"
            && l.GetProperty("callCount").GetInt64() > 0);
        Assert.Equal(links.Count, body.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Dependencies_WindowWithNoSpans_IsEmpty()
    {
        using var response = await server.Client.GetAsync(new Uri("/api/dependencies?endTs=1000&lookback=500", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.RootElement.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/dependencies?endTs=yesterday")]
    [InlineData("/api/dependencies?lookback=-5")]
    [InlineData("/api/dependencies?endTs=99999999999999999")]
    public async Task Dependencies_BadParameters_Are400(string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
