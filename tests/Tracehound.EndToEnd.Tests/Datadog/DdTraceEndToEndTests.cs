using System.Globalization;
using System.Net;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Datadog;

/// <summary>
/// The real dd-trace (npm, 5.132.0) sends native, OpenTracing and OpenTelemetry-API traces to a
/// Tracehound started here, in v0.4 and v0.5; every trace is then read back by its decimal 64-bit id
/// and its 128-bit hex id, through the Jaeger API and Tracehound's own.
/// </summary>
public sealed class DdTraceEndToEndTests
{
    [Theory]
    [InlineData("0.4")]
    [InlineData("0.5")]
    public async Task DdTrace_SendsTraces_EveryTraceReadsBackByDecimalAndHexId(string protocol)
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        var result = await DdTraceNode.SendAsync(server.Datadog, protocol);
        using var api = new ApiClient(server.Api);

        var traces = result.GetProperty("traces");
        var checkedTraces = 0;
        foreach (var group in traces.EnumerateObject())
        {
            foreach (var trace in group.Value.EnumerateObject())
            {
                var hex = trace.Value.GetProperty("traceIdHex").GetString()!;
                var low = ulong.Parse(hex[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                var decimalId = trace.Value.TryGetProperty("traceId", out var d) ? d.GetString()! : low.ToString(CultureInfo.InvariantCulture);
                Assert.Equal(low.ToString(CultureInfo.InvariantCulture), decimalId);
                var spanIds = trace.Value.GetProperty("spans").EnumerateArray()
                    .Select(s => ulong.Parse(s.GetString()!, CultureInfo.InvariantCulture).ToString("x16", CultureInfo.InvariantCulture)).ToHashSet();

                foreach (var id in new[] { decimalId, hex })
                {
                    var v1 = await api.GetTraceV1Async(id);
                    Assert.Equal(hex, v1.GetProperty("traceId").GetString());
                    var v1Spans = v1.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("spanId").GetString()!).ToHashSet();
                    Assert.Equal(spanIds, v1Spans);

                    var (status, jaeger) = await api.GetAsync($"/api/traces/{id}");
                    Assert.Equal(HttpStatusCode.OK, status);
                    var jaegerTrace = Assert.Single(jaeger.GetProperty("data").EnumerateArray());
                    Assert.Equal(hex, jaegerTrace.GetProperty("traceID").GetString());
                    Assert.Equal(spanIds, jaegerTrace.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("spanID").GetString()!).ToHashSet());
                }

                checkedTraces++;
            }
        }

        Assert.Equal(6, checkedTraces);
        await AssertNativeWebTraceAsync(api, traces.GetProperty("native"));
    }

    private static async Task AssertNativeWebTraceAsync(ApiClient api, JsonElement native)
    {
        var web = native.GetProperty("web");
        Assert.NotEqual("0000000000000000", web.GetProperty("traceIdHex").GetString()![..16]);
        var (_, body) = await api.GetAsync($"/api/traces/{web.GetProperty("traceId").GetString()}");
        var trace = body.GetProperty("data")[0];
        var root = trace.GetProperty("spans").EnumerateArray().Single(s => s.GetProperty("references").GetArrayLength() == 0);
        Assert.Equal("GET /users/:id", root.GetProperty("operationName").GetString());
        var tags = root.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value"));
        Assert.Equal("web.request", tags["operation.name"].GetString());
        Assert.Equal("GET /users/:id", tags["resource.name"].GetString());
        Assert.Equal("web", tags["span.type"].GetString());
        Assert.Equal("server", tags["span.kind"].GetString());
        Assert.Equal(3.0, tags["app.items"].GetDouble());
        // The SQL span's resource was obfuscated before it was stored; the statement survives nowhere.
        var db = trace.GetProperty("spans").EnumerateArray().Single(s => s.GetProperty("operationName").GetString() != "GET /users/:id");
        var dbTags = db.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value"));
        Assert.Equal("SELECT * FROM users WHERE id = ?", dbTags["resource.name"].GetString());
        Assert.Equal("SELECT * FROM users WHERE id = ?", dbTags["sql.query"].GetString());
        Assert.DoesNotContain(dbTags.Values, v => v.ValueKind == JsonValueKind.String && v.GetString()!.Contains("id = 42", StringComparison.Ordinal));
        var process = trace.GetProperty("processes").GetProperty(root.GetProperty("processID").GetString()!);
        Assert.Equal("e2e-dd-node", process.GetProperty("serviceName").GetString());

        var consumer = native.GetProperty("consumer");
        var (_, consumerBody) = await api.GetAsync($"/api/traces/{consumer.GetProperty("traceIdHex").GetString()}");
        var consumerSpan = consumerBody.GetProperty("data")[0].GetProperty("spans")[0];
        var link = Assert.Single(consumerSpan.GetProperty("references").EnumerateArray());
        Assert.Equal("FOLLOWS_FROM", link.GetProperty("refType").GetString());
        Assert.Equal(native.GetProperty("producer").GetProperty("traceIdHex").GetString(), link.GetProperty("traceID").GetString());
    }
}
