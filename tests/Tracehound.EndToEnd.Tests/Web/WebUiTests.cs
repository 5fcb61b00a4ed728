using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Tracehound.EndToEnd.Tests.Web;

/// <summary>
/// The web UI in Debian's headless Chromium against a real server (one walk, see <see cref="WebUiSession"/>).
/// Screenshots of every view are written to bin/.../screenshots/web-ui. Tests with the trait
/// <c>DependsOn</c> need the stats API (issue 6) or the logs API (issue 7) to be merged.
/// </summary>
public sealed class WebUiTests : IClassFixture<WebUiSession>
{
    private readonly WebUiSession _session;
    private readonly ITestOutputHelper _output;

    public WebUiTests(WebUiSession session, ITestOutputHelper output)
    {
        _session = session;
        _output = output;
    }

    private WebUiTestData Data => _session.Data;

    [Fact]
    public void Walk_EveryView_SavesScreenshotsWithoutScriptErrors()
    {
        var screenshots = _session.Result.GetProperty("screenshots").EnumerateObject().Select(p => p.Value.GetString()!).ToList();
        _output.WriteLine($"screenshots: {WebUiSession.ScreenshotFolder}");
        foreach (var path in screenshots)
        {
            _output.WriteLine(path);
            Assert.True(new FileInfo(path).Length > 1000, $"{path} is missing or empty");
        }

        Assert.Contains(screenshots, p => p.EndsWith("search.png", StringComparison.Ordinal));
        Assert.Contains(screenshots, p => p.EndsWith("trace.png", StringComparison.Ordinal));
        // Uncaught exceptions in the page (failed requests are shown in the page, not thrown).
        var pageErrors = _session.Result.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()!)
            .Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();
        Assert.True(pageErrors.Count == 0, "page errors: " + string.Join("\n", pageErrors));
    }

    [Fact]
    public void Search_TypedQueryWithNegation_ShowsOnlyMatchingSpansAndServiceFacet()
    {
        var step = _session.Step("search");
        Assert.Contains("query=service%3Aui-shop", step.GetProperty("url").GetString(), StringComparison.Ordinal);
        var rows = Strings(step.GetProperty("rows"));
        // ui-shop has three spans; the failing HTTP call is excluded by -status:error.
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("ui-shop", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("GET /checkout", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("ui-payments", StringComparison.Ordinal));
        var serviceFacet = Assert.Single(Strings(step.GetProperty("serviceFacet")));
        Assert.StartsWith("ui-shop", serviceFacet, StringComparison.Ordinal);
        Assert.EndsWith("2", serviceFacet, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_StatusAndAttributeTerms_FindTheFailingSpan()
    {
        var rows = Strings(_session.Step("searchErrors").GetProperty("rows"));
        var row = Assert.Single(rows);
        Assert.Contains("ui-payments", row, StringComparison.Ordinal);
        Assert.Contains("POST /charge", row, StringComparison.Ordinal);
        Assert.Contains("error", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_Waterfall_ShowsTheTreeErrorsAndCriticalPath()
    {
        var step = _session.Step("trace");
        var rows = step.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("spanId").GetString()!);
        Assert.Equal(5, rows.Count);
        Assert.Equal(1, rows[Data.Checkout].GetProperty("level").GetInt32());
        Assert.Equal(2, rows[Data.Query].GetProperty("level").GetInt32());
        Assert.Equal(3, rows[Data.Charge].GetProperty("level").GetInt32());
        Assert.Equal(4, rows[Data.Validate].GetProperty("level").GetInt32());
        Assert.Contains("ui-payments", rows[Data.Charge].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(rows[Data.Charge].GetProperty("error").GetBoolean());
        Assert.False(rows[Data.Query].GetProperty("error").GetBoolean());
        // The checkout waits on the payment call, which ends last; the query runs during the call: root → call → charge → validate.
        Assert.True(rows[Data.Checkout].GetProperty("critical").GetBoolean());
        Assert.True(rows[Data.Call].GetProperty("critical").GetBoolean());
        Assert.True(rows[Data.Charge].GetProperty("critical").GetBoolean());
        Assert.True(rows[Data.Validate].GetProperty("critical").GetBoolean());
        Assert.False(rows[Data.Query].GetProperty("critical").GetBoolean());

        var ids = Strings(step.GetProperty("ids"));
        Assert.Contains(Data.TraceId, ids);
        Assert.Contains(ulong.Parse(Data.TraceId[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), ids);
    }

    [Fact]
    public void Trace_ClickedSpan_ShowsItsAttributesAndExceptionStack()
    {
        var step = _session.Step("trace");
        Assert.Equal(Data.Query, step.GetProperty("selectedParam").GetString());
        var attributes = step.GetProperty("attributes");
        Assert.Equal("postgresql", attributes.GetProperty("db.system").GetString());
        Assert.Equal("shop", attributes.GetProperty("db.name").GetString());
        var exception = step.GetProperty("exception").GetString()!;
        Assert.Contains("CardDeclinedError: card declined", exception, StringComparison.Ordinal);
        Assert.Contains("payments.js:42:11", exception, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_Keyboard_MovesSelectionAndCollapses()
    {
        var step = _session.Step("trace");
        // Home → root, ↓ → its first child (the payment call, which starts first).
        Assert.Equal(Data.Call, step.GetProperty("afterKeys").GetString());
        // ↑ → root, ← collapses the root: only it is left.
        Assert.Equal(1, step.GetProperty("visibleAfterCollapse").GetInt32());
    }

    [Fact]
    public void Trace_FindAndFlameGraphAndDatadogId_Work()
    {
        var find = _session.Step("traceFind");
        Assert.Equal("1 match", find.GetProperty("count").GetString());
        Assert.StartsWith("SELECT orders", Assert.Single(Strings(find.GetProperty("matched"))), StringComparison.Ordinal);

        var flame = _session.Step("flame");
        Assert.True(flame.GetProperty("width").GetInt32() > 0 && flame.GetProperty("height").GetInt32() > 0);

        var byDecimal = _session.Step("traceByDatadogId");
        Assert.Contains(Data.TraceId, Strings(byDecimal.GetProperty("ids")));
    }

    [Fact]
    public void Trace_RealClientFixture_ShowsItsSpans()
    {
        var step = _session.Step("fixtureTrace");
        var names = Strings(step.GetProperty("rows"));
        Assert.Equal(3, names.Count);
        Assert.Contains(names, n => n.StartsWith("GET /users/:id", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("SELECT app.users", StringComparison.Ordinal));
    }

    [Fact]
    public void Trace_MalformedId_ShowsTheApiReason()
    {
        var step = _session.Step("notFound");
        Assert.Equal(200, step.GetProperty("status").GetInt32());
        Assert.Contains("answered 400", step.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Theme_Toggle_SwitchesAndPersists()
    {
        var step = _session.Step("theme");
        Assert.Equal("light", step.GetProperty("before").GetString());
        Assert.Equal("dark", step.GetProperty("after").GetString());
        Assert.Equal("dark", step.GetProperty("afterReload").GetString());
    }

    [Fact]
    public void ServicePage_ServiceMap_ShowsCalleeServiceAndDatabase()
    {
        var step = _session.Step("service");
        Assert.Equal("ui-shop", step.GetProperty("name").GetString());
        var nodes = step.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("name").GetString(), n.GetProperty("kind").GetString())).ToList();
        Assert.Contains(("ui-shop", "service"), nodes);
        Assert.Contains(("ui-payments", "service"), nodes);
        Assert.Contains(("postgresql:shop", "database"), nodes);
        Assert.True(step.GetProperty("histogram").GetBoolean());
    }

    [Fact]
    [Trait("DependsOn", "stats")]
    public void ServicePage_Resources_ListTheServiceEndpoints()
    {
        var step = _session.Step("service");
        var resources = Strings(step.GetProperty("resources"));
        Assert.True(resources.Count > 0, "no resources table: " + step.GetProperty("errors"));
        Assert.Contains("GET /checkout", resources);
    }

    [Fact]
    [Trait("DependsOn", "stats")]
    public void Services_Table_ListsBothServices()
    {
        var step = _session.Step("services");
        var rows = Strings(step.GetProperty("rows"));
        Assert.True(rows.Count > 0, "no services table: " + step.GetProperty("error"));
        Assert.Contains("ui-shop", rows);
        Assert.Contains("ui-payments", rows);
    }

    [Fact]
    [Trait("DependsOn", "logs")]
    public void Trace_LogsTab_GroupsTheTraceLogsBySpan()
    {
        Assert.True(_session.LogsStatus == HttpStatusCode.OK, $"POST /v1/logs answered {(int)_session.LogsStatus}");
        var step = _session.Step("traceLogs");
        var groups = step.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("spanId").GetString()!, g => g.GetProperty("text").GetString()!);
        Assert.True(groups.Count > 0, "no logs shown: " + step.GetProperty("error"));
        Assert.Contains("checkout started", groups[Data.Checkout], StringComparison.Ordinal);
        Assert.Contains("payment failed: card declined", groups[Data.Call], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("DependsOn", "logs")]
    public void Logs_Search_ShowsLogsAndJumpsToTheTrace()
    {
        var step = _session.Step("logs");
        var rows = Strings(step.GetProperty("rows"));
        Assert.True(rows.Count == 2, $"expected the 2 ui-shop logs, saw {rows.Count}: {step.GetProperty("error")}");
        Assert.Contains(rows, r => r.Contains("checkout started", StringComparison.Ordinal));
        Assert.Contains($"/trace/{Data.TraceId}", step.GetProperty("jumped").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
