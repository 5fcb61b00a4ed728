using System.Net;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;
using Tracehound.Model;

namespace Tracehound.EndToEnd.Tests.OpenTracing;

/// <summary>
/// The real zipkin-js (JSON v2 over HTTP) and jaeger-client (Thrift over HTTP, and binary Thrift over
/// UDP to the agent port) from npm send traces to a Tracehound started here, with 64- and 128-bit
/// ids; every trace is read back through the Jaeger API and Tracehound's own, span by span.
/// </summary>
public sealed class OpenTracingClientsEndToEndTests : IClassFixture<SharedServer>
{
    private readonly SharedServer _shared;

    public OpenTracingClientsEndToEndTests(SharedServer shared)
    {
        _shared = shared;
    }

    [Theory]
    [InlineData("zipkin", false)]
    [InlineData("zipkin", true)]
    [InlineData("jaeger-http", false)]
    [InlineData("jaeger-http", true)]
    [InlineData("jaeger-udp", false)]
    [InlineData("jaeger-udp", true)]
    public async Task RealClient_SendsTraces_EveryTraceReadsBackThroughBothApis(string client, bool id128)
    {
        var server = _shared.Server;
        string[] idFlag = id128 ? ["--trace-id-128"] : [];
        var result = client switch
        {
            "zipkin" => await OpenTracingNode.Project.RunScriptAsync("zipkin-send.js", [new Uri(server.Zipkin, "/api/v2/spans").ToString(), .. idFlag]),
            "jaeger-http" => await OpenTracingNode.Project.RunScriptAsync("jaeger-send.js", ["http", new Uri(server.JaegerHttp, "/api/traces").ToString(), .. idFlag]),
            _ => await OpenTracingNode.Project.RunScriptAsync("jaeger-send.js", ["udp", $"{server.JaegerUdpBinary.Host}:{server.JaegerUdpBinary.Port}", .. idFlag]),
        };
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        var service = client == "zipkin" ? "e2e-zipkin-node" : "e2e-jaeger-node";
        using var api = new ApiClient(server.Api);

        var checkedTraces = 0;
        foreach (var trace in result.GetProperty("traces").EnumerateObject())
        {
            var printedId = trace.Value.GetProperty("traceId").GetString()!;
            Assert.Equal(id128 ? 32 : 16, printedId.Length);
            Assert.True(TraceId.TryParseHex(printedId, out var traceId));
            var expected = trace.Value.GetProperty("spans").EnumerateObject().ToDictionary(s => s.Value.GetString()!, s => s.Name);

            // UDP has no answer: the spans are stored shortly after the client is done, so wait for them.
            var jaegerTrace = await WaitForTraceAsync(api, printedId, expected.Count);
            Assert.Equal(traceId.ToHex(), jaegerTrace.GetProperty("traceID").GetString()!.PadLeft(32, '0'));
            var spans = jaegerTrace.GetProperty("spans").EnumerateArray().ToList();
            Assert.Equal(expected, spans.ToDictionary(s => s.GetProperty("spanID").GetString()!, s => s.GetProperty("operationName").GetString()!));
            foreach (var span in spans)
            {
                var process = jaegerTrace.GetProperty("processes").GetProperty(span.GetProperty("processID").GetString()!);
                Assert.Equal(service, process.GetProperty("serviceName").GetString());
                AssertSpanTags(span);
            }

            var v1 = await api.GetTraceV1Async(traceId.ToHex());
            Assert.Equal(traceId.ToHex(), v1.GetProperty("traceId").GetString());
            var v1Spans = v1.GetProperty("spans").EnumerateArray().ToDictionary(s => s.GetProperty("spanId").GetString()!, s => s);
            Assert.Equal(expected.Keys.ToHashSet(), v1Spans.Keys.ToHashSet());
            foreach (var (spanId, name) in expected)
            {
                Assert.Equal(name, v1Spans[spanId].GetProperty("name").GetString());
                Assert.Equal(IsError(name) ? "error" : "unset", v1Spans[spanId].GetProperty("status").GetProperty("code").GetString());
            }

            checkedTraces++;
        }

        Assert.Equal(3, checkedTraces);
    }

    /// <summary>Kinds come from Zipkin's kind / the span.kind tag, errors from the error tag, as for OTLP spans.</summary>
    private static void AssertSpanTags(JsonElement span)
    {
        var name = span.GetProperty("operationName").GetString()!.ToLowerInvariant();
        var tags = span.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value"));
        var kind = name switch
        {
            "get /users/:id" or "post /orders" => "server",
            "select users" => "client",
            "send orders" => "producer",
            "receive orders" => "consumer",
            _ => null,
        };
        if (kind is null)
        {
            Assert.False(tags.TryGetValue("span.kind", out var unexpected) && unexpected.GetString() != "internal", $"{name}: span.kind {unexpected}");
        }
        else
        {
            Assert.Equal(kind, tags["span.kind"].GetString());
        }

        if (IsError(name))
        {
            Assert.True(tags["error"].GetBoolean());
        }
        else
        {
            Assert.False(tags.ContainsKey("error"), $"{name} has an error tag");
        }

        if (name == "receive orders")
        {
            // FOLLOWS_FROM (jaeger) / B3 child (zipkin): the producer is the parent.
            Assert.Equal("CHILD_OF", Assert.Single(span.GetProperty("references").EnumerateArray()).GetProperty("refType").GetString());
        }
    }

    private static bool IsError(string name) => name.ToLowerInvariant() is "post /orders" or "payments.charge";

    internal static async Task<JsonElement> WaitForTraceAsync(ApiClient api, string traceId, int spanCount)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (status, body) = await api.GetAsync($"/api/traces/{traceId}");
            if (status == HttpStatusCode.OK && body.GetProperty("data")[0].GetProperty("spans").GetArrayLength() >= spanCount)
            {
                return body.GetProperty("data")[0];
            }

            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET /api/traces/{traceId} answered {(int)status}");
            Assert.False(deadline.IsCancellationRequested, $"trace {traceId} did not arrive with {spanCount} spans");
            await Task.Delay(100);
        }
    }
}
