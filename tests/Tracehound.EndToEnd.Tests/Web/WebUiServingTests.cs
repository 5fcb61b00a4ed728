using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Web;

/// <summary>How the API listener serves the embedded UI: deep links, caching headers, API priority.</summary>
public sealed partial class WebUiServingTests : IClassFixture<SharedServer>, IDisposable
{
    private readonly HttpClient _http;

    public WebUiServingTests(SharedServer server)
    {
        _http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.Server.Api };
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/trace/0af7651916cd43dd8448eb211c80319c")]
    [InlineData("/trace/9532127138774266268")]
    [InlineData("/services")]
    [InlineData("/services/my%20service")]
    [InlineData("/logs")]
    public async Task DeepLink_AnyView_AnswersTheAppRevalidated(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated");
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_HashedBundle_IsImmutableGzippedAndRevalidatesWith304()
    {
        var index = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        var script = ScriptSource().Match(index).Groups[1].Value;
        Assert.StartsWith("/assets/", script, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, script);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/api/v1/nothing/here")]
    [InlineData("/no-such-page")]
    [InlineData("/assets/missing.js")]
    public async Task UnknownPath_IsNotFound_AndNotTheApp(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRoute_KeepsPriorityOverTheApp()
    {
        using var response = await _http.GetAsync(new Uri("/api/services", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
