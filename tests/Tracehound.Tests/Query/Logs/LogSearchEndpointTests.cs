using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Query.Logs;
using Tracehound.Storage;
using Tracehound.Tests.Logs;
using Xunit;

namespace Tracehound.Tests.Query.Logs;

/// <summary><c>GET /api/v1/logs</c> over the generated corpus: the response shape, the re-check, and 400 with the reason.</summary>
public sealed class LogSearchEndpointTests(LogSearchCorpus corpus) : IClassFixture<LogSearchCorpus>
{
    [Theory]
    [InlineData("query=status:loud", "status:loud is not trace, debug, info, warn, error or fatal")]
    [InlineData("query=colour:red", "unknown field 'colour'")]
    [InlineData("query=%22open", "a quoted value is not closed")]
    [InlineData("query=trace_id:xyz", "unable to parse param 'trace_id'")]
    [InlineData("query=service:", "has no value")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=yesterday", "from")]
    public async Task GetAsync_BadParameter_Is400WithTheReason(string queryString, string reason)
    {
        var (status, body) = await GetAsync(queryString);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(reason, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TextAndServiceQuery_ReturnsTheMatcherMatchesNewestFirstUpToTheLimit()
    {
        var terms = LogQueryParser.Parse("order -service:db");
        var expected = corpus.All.Where(r => LogQueryMatcher.Matches(r, terms)).Take(7).ToList();

        var (status, body) = await GetAsync("limit=7&query=" + Uri.EscapeDataString("order -service:db"));

        Assert.Equal(StatusCodes.Status200OK, status);
        var logs = body.RootElement.GetProperty("logs").EnumerateArray().ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected.Select(r => r.ObservedTimeUnixNano), logs.Select(l => l.GetProperty("observedTimestamp").GetInt64()));
        Assert.All(logs, l => Assert.NotEqual("db", l.GetProperty("service").GetString()));
        Assert.All(logs, l => Assert.Contains("order", l.GetProperty("body").ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<(int Status, JsonDocument Body)> GetAsync(string queryString)
    {
        var services = new ServiceCollection().AddSingleton<ILogStore>(corpus.Store).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.QueryString = new QueryString("?" + queryString);
        using var output = new MemoryStream();
        context.Response.Body = output;

        await LogSearchEndpoint.GetAsync(context);

        return (context.Response.StatusCode, JsonDocument.Parse(output.ToArray()));
    }
}
