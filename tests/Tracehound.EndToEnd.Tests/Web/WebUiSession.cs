using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Web;

/// <summary>
/// One browser session for all of <see cref="WebUiTests"/>: starts the real server, sends the test
/// trace and logs (OTLP/HTTP JSON) and a real client's fixture (otel-js over OTLP/HTTP JSON), then
/// walks every view in headless Chromium once (browser/ui-test.mjs) and keeps what it observed.
/// </summary>
public sealed class WebUiSession : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly NodeProject Browser = new("Web/browser", "playwright-core");
    private readonly TempDirectory _data = new();
    private TracehoundProcess? _server;

    internal WebUiTestData Data { get; } = new();

    internal JsonElement Result { get; private set; }

    internal string FixtureTraceId { get; private set; } = string.Empty;

    internal HttpStatusCode LogsStatus { get; private set; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots", "web-ui");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: test.sh installs it (web/test/ensure-chromium.sh), or run apt-get install chromium");
        _server = await TracehoundProcess.StartAsync(_data.Path);
        using var http = new HttpClient();
        await PostAsync(http, new Uri(_server.OtlpHttp, "/v1/traces"), Data.TracesJson(), expectOk: true);
        // Logs need the logs branch (issue 7); before it the route is missing and the log views say so.
        LogsStatus = await PostAsync(http, new Uri(_server.OtlpHttp, "/v1/logs"), Data.LogsJson(), expectOk: false);
        await PostAsync(http, new Uri(_server.OtlpHttp, "/v1/traces"), Fixtures.Payload("otel-js-traces-http-json"), expectOk: true);
        var fixture = Fixtures.Result("otel-js-traces-http-json");
        FixtureTraceId = fixture.GetProperty("traces").GetProperty("web").GetProperty("traceId").GetString()!;
        var fixtureStartMs = fixture.GetProperty("baseTimeMs").GetInt64();

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var from = Math.Min(fixtureStartMs, now) - 3_600_000;
        var to = now + 3_600_000;
        Result = await Browser.RunScriptAsync("ui-test.mjs", [
            "--base", _server.Api.ToString().TrimEnd('/'),
            "--trace", Data.TraceId,
            "--fixture-trace", FixtureTraceId,
            "--from", from.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--to", to.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", ScreenshotFolder,
        ], new Dictionary<string, string> { ["CHROMIUM_PATH"] = Chromium });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>What one step of the walk saw; fails with the step's error when it could not finish.</summary>
    internal JsonElement Step(string name)
    {
        var step = Result.GetProperty("steps").GetProperty(name);
        Assert.True(step.GetProperty("ok").GetBoolean(), $"browser step '{name}' failed: {(step.TryGetProperty("error", out var e) ? e.GetString() : "?")}");
        return step;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri uri, byte[] json, bool expectOk)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(uri, content);
        if (expectOk)
        {
            Assert.True(response.IsSuccessStatusCode, $"POST {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.StatusCode;
    }
}
