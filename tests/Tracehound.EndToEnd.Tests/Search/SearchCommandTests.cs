using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Search;

/// <summary>
/// <c>tracehound search</c> against a real server that received spans over OTLP/HTTP JSON: tables,
/// JSON, traces, a query the server refuses (with its position), an unreachable server, bad arguments.
/// </summary>
public sealed class SearchCommandTests(SharedServer shared) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private readonly string _traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    private readonly string _service = "search-e2e-" + Guid.NewGuid().ToString("N")[..8];

    private string Server => shared.Server.Api.ToString();

    public async Task InitializeAsync()
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var body = $$$"""
            {"resourceSpans":[
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{_service}}}"}},{"key":"deployment.environment.name","value":{"stringValue":"e2e"}}]},
               "scopeSpans":[{"scope":{"name":"e2e"},"spans":[
                 {"traceId":"{{{_traceId}}}","spanId":"1000000000000001","name":"GET /cart","kind":2,
                  "startTimeUnixNano":"{{{start}}}","endTimeUnixNano":"{{{start + 80_000_000}}}",
                  "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"http.route","value":{"stringValue":"/cart"}},{"key":"http.response.status_code","value":{"intValue":"200"}}]},
                 {"traceId":"{{{_traceId}}}","spanId":"1000000000000002","parentSpanId":"1000000000000001","name":"GET inventory","kind":3,
                  "startTimeUnixNano":"{{{start + 10_000_000}}}","endTimeUnixNano":"{{{start + 1_510_000_000}}}",
                  "status":{"code":2,"message":"bad gateway"},
                  "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"http.response.status_code","value":{"intValue":"502"}}]}]}]},
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"legacy-{{{_service}}}"}}]},
               "scopeSpans":[{"scope":{"name":"e2e"},"spans":[
                 {"traceId":"{{{_traceId}}}","spanId":"1000000000000003","parentSpanId":"1000000000000001","name":"charge","kind":1,
                  "startTimeUnixNano":"{{{start + 20_000_000}}}","endTimeUnixNano":"{{{start + 30_000_000}}}",
                  "attributes":[{"key":"datadog.service","value":{"stringValue":"pay-{{{_service}}}"}}]}]}]}]}
            """;
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(shared.Server.OtlpHttp, "/v1/traces"), content);
        Assert.True(response.IsSuccessStatusCode, $"OTLP export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_ServiceFromDatadogServiceAttribute_PrintsATableRow()
    {
        var (exitCode, output, errors) = await RunAsync("search", $"service:pay-{_service}", "--server", Server);

        Assert.True(exitCode == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME (UTC)", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(_traceId, StringComparison.Ordinal));
        Assert.Contains($"pay-{_service}", row, StringComparison.Ordinal);
        Assert.Contains("10ms", row, StringComparison.Ordinal);
        Assert.Contains("1 span(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FullLanguageWithJson_GivesTheServersSpans()
    {
        var query = $"service:{_service} (@http.status_code:[500 TO 599] OR @duration:>1s) -status:ok";

        var (exitCode, output, errors) = await RunAsync("search", query, "--server", Server, "--json", "--from", "1h", "--limit", "10");

        Assert.True(exitCode == 0, errors);
        using var document = JsonDocument.Parse(output);
        var span = Assert.Single(document.RootElement.GetProperty("spans").EnumerateArray());
        Assert.Equal("GET inventory", span.GetProperty("name").GetString());
        Assert.Equal(_traceId, span.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Search_Traces_SummarizesTheWholeTrace()
    {
        var (exitCode, output, errors) = await RunAsync("search", $"env:e2e service:{_service} status:error", "--server", Server, "--traces");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("ROOT SERVICE", output, StringComparison.Ordinal);
        var row = Assert.Single(output.Split('\n'), l => l.Contains(_traceId, StringComparison.Ordinal));
        var cells = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(_service, cells[1]);
        Assert.Equal("GET /cart", cells[2]);
        Assert.Equal(["3", "1", "1"], cells[4..7]);
    }

    [Fact]
    public async Task Search_QueryTheServerRefuses_PrintsReasonAndPositionAndExits1()
    {
        var (exitCode, _, errors) = await RunAsync("search", "service:web (status:error", "--server", Server);

        Assert.Equal(1, exitCode);
        Assert.Contains("400", errors, StringComparison.Ordinal);
        Assert.Contains("query syntax error at position 13: '(' is not closed", errors, StringComparison.Ordinal);
        Assert.Contains("\n              ^", errors.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ServerDown_SaysSoAndExits1()
    {
        var (exitCode, _, errors) = await RunAsync("search", "service:web", "--server", "http://127.0.0.1:9");

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot reach the server at http://127.0.0.1:9/", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "a", "b")]
    [InlineData("search", "a", "--limit", "zero")]
    [InlineData("search", "a", "--from", "yesterday-ish")]
    [InlineData("search", "a", "--frobnicate")]
    public async Task Search_BadArguments_Exit2WithAReason(params string[] args)
    {
        var (exitCode, _, errors) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("tracehound search: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_MentionsSearch()
    {
        var (generalExit, general, _) = await RunAsync("--help");
        var (searchExit, search, _) = await RunAsync("search", "--help");

        Assert.Equal(0, generalExit);
        Assert.Contains("tracehound search '<query>'", general, StringComparison.Ordinal);
        Assert.Equal(0, searchExit);
        foreach (var option in new[] { "--server", "--from", "--to", "--limit", "--traces", "--json" })
        {
            Assert.Contains(option, search, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(TracehoundBinary.Path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
