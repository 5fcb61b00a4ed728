using System.Text;
using System.Text.Json;
using Tracehound.Commands;

namespace Tracehound.Tests.DatadogLogs;

public sealed class JsonLogLineTests
{
    private static JsonElement Entry(string line, string? service = null, string? source = null)
    {
        var bytes = JsonLogLine.ToEntry(line, service, source, out _);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public void ToEntry_PlainText_BecomesMessage()
    {
        var bytes = JsonLogLine.ToEntry("Now listening on: http://x", null, null, out var isJson);
        Assert.False(isJson);
        Assert.Equal("Now listening on: http://x", JsonDocument.Parse(bytes).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void ToEntry_BrokenJson_BecomesMessage()
    {
        JsonLogLine.ToEntry("{\"message\":", null, null, out var isJson);
        Assert.False(isJson);
    }

    [Fact]
    public void ToEntry_JsonObject_SentUnchanged()
    {
        const string line = """{"msg":"x","level":"info","dd":{"trace_id":"1"}}""";
        var bytes = JsonLogLine.ToEntry("  " + line, null, null, out var isJson);
        Assert.True(isJson);
        Assert.Equal(line, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ToEntry_MelJsonConsole_LiftsStateAndScopes()
    {
        var entry = Entry("""
            {"Timestamp":"2024-01-01T00:00:00.000Z","EventId":3,"LogLevel":"Warning","Category":"Shop.Orders","Message":"Order 7 placed",
             "State":{"Message":"Order 7 placed","OrderId":7,"{OriginalFormat}":"Order {OrderId} placed"},
             "Scopes":[{"Message":"outer","dd.trace_id":"1","RequestPath":"/a"},{"Message":"inner","dd.trace_id":"2","trace_id":"00000000000000000000000000000002"},"plain scope"]}
            """);

        Assert.Equal("Order 7 placed", entry.GetProperty("message").GetString());
        Assert.Equal("Warning", entry.GetProperty("status").GetString());
        Assert.Equal("2024-01-01T00:00:00.000Z", entry.GetProperty("timestamp").GetString());
        Assert.Equal("Shop.Orders", entry.GetProperty("logger.name").GetString());
        Assert.Equal(3, entry.GetProperty("event.id").GetInt32());
        Assert.Equal(7, entry.GetProperty("OrderId").GetInt32());
        Assert.Equal("2", entry.GetProperty("dd.trace_id").GetString());
        Assert.Equal("/a", entry.GetProperty("RequestPath").GetString());
        Assert.False(entry.TryGetProperty("{OriginalFormat}", out _));
        Assert.False(entry.TryGetProperty("Scopes", out _));
    }

    [Fact]
    public void ToEntry_SerilogCompactJson_MapsReservedNames()
    {
        var entry = Entry("""{"@t":"2024-01-01T00:00:00Z","@mt":"Hi {Name}","@tr":"0af7651916cd43dd8448eb211c80319c","@sp":"b7ad6b7169203331","Name":"x","@@odd":1}""");
        Assert.Equal("Hi {Name}", entry.GetProperty("message").GetString());
        Assert.Equal("Information", entry.GetProperty("status").GetString());
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", entry.GetProperty("trace_id").GetString());
        Assert.Equal("b7ad6b7169203331", entry.GetProperty("span_id").GetString());
        Assert.Equal(1, entry.GetProperty("@odd").GetInt32());
    }

    [Fact]
    public void ToEntry_ServiceAndSource_AddedOnlyWhenMissing()
    {
        var entry = Entry("""{"message":"m","service":"own"}""", "fallback", "csharp");
        Assert.Equal("own", entry.GetProperty("service").GetString());
        Assert.Equal("csharp", entry.GetProperty("ddsource").GetString());
    }

    [Theory]
    [InlineData("http://h:1", "http://h:1/api/v2/logs")]
    [InlineData("h:1", "http://h:1/api/v2/logs")]
    [InlineData("http://h:1/custom/path", "http://h:1/custom/path")]
    public void Arguments_Server_ResolvesIntakeUrl(string server, string expected)
    {
        Assert.True(LogsIngestArguments.TryParse(["-", "--server", server], out var parsed, out _));
        Assert.Equal(expected, parsed!.Endpoint.ToString());
    }

    [Theory]
    [InlineData(new string[0], "needs a FILE")]
    [InlineData(new[] { "a", "b" }, "unexpected argument")]
    [InlineData(new[] { "-", "--bogus", "1" }, "unknown option")]
    [InlineData(new[] { "-", "--batch-size", "5000" }, "--batch-size")]
    [InlineData(new[] { "-", "--server", "ftp://x" }, "not an http")]
    public void Arguments_Invalid_ErrorWithReason(string[] args, string reason)
    {
        Assert.False(LogsIngestArguments.TryParse(args, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
