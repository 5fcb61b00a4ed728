using System.Net;
using System.Text;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>
/// Real OTel Node logs exports (fixtures) replayed into the real server over each transport, read
/// back through the log APIs; trace correlation by hex and Datadog decimal ids, logs before traces.
/// </summary>
public sealed class OtlpLogsEndToEndTests
{
    [Theory]
    [InlineData("otel-js-logs-grpc")]
    [InlineData("otel-js-logs-http-proto")]
    [InlineData("otel-js-logs-http-json")]
    public async Task Fixture_Replayed_LogsReadBackByTraceAndSearch(string label)
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        await SendFixtureAsync(server, label);
        using var api = new ApiClient(server.Api);
        var result = Fixtures.Result(label);
        var web = result.GetProperty("spans").GetProperty("web");
        var webTrace = web.GetProperty("traceId").GetString()!;

        var (status, traceLogs) = await api.GetAsync($"/api/v1/traces/{webTrace}/logs");
        Assert.Equal(HttpStatusCode.OK, status);
        var records = traceLogs.GetProperty("logs").EnumerateArray().ToList();
        // Oldest first: the query's record was written before the handler's.
        Assert.Equal(["query executed", "user 42 fetched"], records.Select(r => r.GetProperty("body").GetString()));
        Assert.True(records[0].GetProperty("timestamp").GetInt64() <= records[1].GetProperty("timestamp").GetInt64());
        Assert.Equal([web.GetProperty("dbSpanId").GetString(), web.GetProperty("serverSpanId").GetString()], records.Select(r => r.GetProperty("spanId").GetString()));
        Assert.All(records, r => Assert.Equal(webTrace, r.GetProperty("traceId").GetString()));
        Assert.Equal("debug", records[0].GetProperty("severity").GetString());
        Assert.Equal("info", records[1].GetProperty("severity").GetString());
        Assert.Equal("harness-otel-node", records[1].GetProperty("service").GetString());
        Assert.Equal(42, records[1].GetProperty("attributes").GetProperty("user.id").GetInt64());
        Assert.Equal("harness-otel-node", records[1].GetProperty("resource").GetProperty("service.name").GetString());

        var (_, all) = await api.GetAsync("/api/v1/logs");
        var bodies = all.GetProperty("logs").EnumerateArray().ToList();
        Assert.Equal(5, bodies.Count);
        Assert.True(bodies.Zip(bodies.Skip(1)).All(p => p.First.GetProperty("timestamp").GetInt64() >= p.Second.GetProperty("timestamp").GetInt64()));
        Assert.Equal(2, bodies.Count(b => b.GetProperty("traceId").ValueKind == JsonValueKind.Null));

        var (_, errors) = await api.GetAsync("/api/v1/logs?query=" + Uri.EscapeDataString("status:error service:harness-otel-node"));
        var error = Assert.Single(errors.GetProperty("logs").EnumerateArray());
        Assert.Equal("payment declined", error.GetProperty("body").GetString());
        Assert.Equal(result.GetProperty("spans").GetProperty("error").GetProperty("traceId").GetString(), error.GetProperty("traceId").GetString());

        var (_, phrase) = await api.GetAsync("/api/v1/logs?query=" + Uri.EscapeDataString("\"above threshold\" @cache.size:1024"));
        Assert.Equal("warn", Assert.Single(phrase.GetProperty("logs").EnumerateArray()).GetProperty("severity").GetString());

        var (_, negated) = await api.GetAsync("/api/v1/logs?query=" + Uri.EscapeDataString($"-trace_id:{webTrace} -status:error"));
        Assert.Equal(2, negated.GetProperty("logs").GetArrayLength());
    }

    [Fact]
    public async Task LogsBeforeTheirTrace_AreLinkedOnceTheTraceArrives_WithCountsPerSpan()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        using var api = new ApiClient(server.Api);
        var traceId = OtlpPayload.TraceId();
        var spanId = OtlpPayload.SpanId();
        var traceHex = Convert.ToHexStringLower(traceId);
        var spanHex = Convert.ToHexStringLower(spanId);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(traceId.AsSpan(8));
        var spanDecimal = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(spanId).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // One record with OTel hex attributes, one with only Datadog's decimal low 64 bits, both before any span.
        var logs = LogsJson("early-app",
            ("hex ids", $"{{\"key\":\"trace_id\",\"value\":{{\"stringValue\":\"{traceHex}\"}}}},{{\"key\":\"span_id\",\"value\":{{\"stringValue\":\"{spanHex}\"}}}}"),
            ("decimal ids", $"{{\"key\":\"dd.trace_id\",\"value\":{{\"stringValue\":\"{low}\"}}}},{{\"key\":\"dd.span_id\",\"value\":{{\"stringValue\":\"{spanDecimal}\"}}}},{{\"key\":\"level\",\"value\":{{\"stringValue\":\"error\"}}}}"));
        Assert.Equal(HttpStatusCode.OK, (await OtlpLogsClient.PostHttpAsync(server.OtlpHttp, logs, "application/json")).Status);

        var (_, before) = await api.GetAsync($"/api/v1/logs?query=" + Uri.EscapeDataString("\"decimal ids\""));
        var early = Assert.Single(before.GetProperty("logs").EnumerateArray());
        Assert.Equal($"{new string('0', 16)}{low:x16}", early.GetProperty("traceId").GetString());
        Assert.Equal("error", early.GetProperty("severity").GetString());

        await PostTraceAsync(server, OtlpPayload.Request("early-app", [new OtlpPayload.TestSpan(traceId, spanId, [], "handler")]));

        foreach (var id in new[] { traceHex, $"{low:x16}", low.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var (status, byTrace) = await api.GetAsync($"/api/v1/traces/{id}/logs");
            Assert.Equal(HttpStatusCode.OK, status);
            var records = byTrace.GetProperty("logs").EnumerateArray().ToList();
            Assert.Equal(["hex ids", "decimal ids"], records.Select(r => r.GetProperty("body").GetString()));
            Assert.All(records, r => Assert.Equal(traceHex, r.GetProperty("traceId").GetString()));
            Assert.All(records, r => Assert.Equal(spanHex, r.GetProperty("spanId").GetString()));
        }

        var (_, after) = await api.GetAsync($"/api/v1/logs?query=" + Uri.EscapeDataString($"trace_id:{traceHex}"));
        Assert.Equal(2, after.GetProperty("logs").GetArrayLength());
        Assert.All(after.GetProperty("logs").EnumerateArray(), r => Assert.Equal(traceHex, r.GetProperty("traceId").GetString()));

        var trace = await api.GetTraceV1Async(traceHex);
        Assert.Equal(2, Assert.Single(trace.GetProperty("spans").EnumerateArray()).GetProperty("logCount").GetInt32());
        var (_, jaeger) = await api.GetAsync($"/api/traces/{traceHex}");
        var tags = jaeger.GetProperty("data")[0].GetProperty("spans")[0].GetProperty("tags").EnumerateArray();
        var count = Assert.Single(tags, t => t.GetProperty("key").GetString() == "tracehound.log_count");
        Assert.Equal("int64", count.GetProperty("type").GetString());
        Assert.Equal(2, count.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Logs_SurviveARestart()
    {
        using var data = new TempDirectory();
        await using (var server = await TracehoundProcess.StartAsync(data.Path))
        {
            await SendFixtureAsync(server, "otel-js-logs-http-proto");
            await server.KillAsync();
        }

        await using var restarted = await TracehoundProcess.StartAsync(data.Path);
        using var api = new ApiClient(restarted.Api);
        var (_, all) = await api.GetAsync("/api/v1/logs");
        Assert.Equal(5, all.GetProperty("logs").GetArrayLength());
    }

    internal static async Task SendFixtureAsync(TracehoundProcess server, string label)
    {
        var payload = Fixtures.Payload(label);
        if (label.EndsWith("grpc", StringComparison.Ordinal))
        {
            Assert.Empty(await OtlpLogsClient.ExportGrpcAsync(server.OtlpGrpc, payload));
            return;
        }

        var (status, body) = await OtlpLogsClient.PostHttpAsync(server.OtlpHttp, payload, label.EndsWith("json", StringComparison.Ordinal) ? "application/json" : "application/x-protobuf");
        Assert.True(status == HttpStatusCode.OK, body);
    }

    /// <summary>An OTLP/JSON logs request with one record per (body, attributes JSON) pair, one millisecond apart.</summary>
    internal static byte[] LogsJson(string service, params (string Body, string Attributes)[] records)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var items = records.Select((r, i) =>
            $"{{\"timeUnixNano\":\"{now + (i * 1_000_000)}\",\"body\":{{\"stringValue\":\"{r.Body}\"}},\"attributes\":[{r.Attributes}]}}");
        return Encoding.UTF8.GetBytes(
            $"{{\"resourceLogs\":[{{\"resource\":{{\"attributes\":[{{\"key\":\"service.name\",\"value\":{{\"stringValue\":\"{service}\"}}}}]}},\"scopeLogs\":[{{\"logRecords\":[{string.Join(',', items)}]}}]}}]}}");
    }

    private static async Task PostTraceAsync(TracehoundProcess server, byte[] payload)
    {
        using var http = new HttpClient { BaseAddress = server.OtlpHttp };
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync(new Uri("/v1/traces", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
