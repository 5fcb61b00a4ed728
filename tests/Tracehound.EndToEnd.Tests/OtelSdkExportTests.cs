using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests;

/// <summary>
/// The real OpenTelemetry .NET SDK exports to a real Tracehound; the trace is queryable right
/// after the export returns (the server answers only once spans are durable).
/// </summary>
public sealed class OtelSdkExportTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task OtelDotnetSdk_Export_TraceComesBackIntactFromBothApis(OtlpExportProtocol protocol)
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        var service = $"e2e-sdk-{protocol}".ToLowerInvariant();
        var sourceName = $"e2e.source.{protocol}";
        var endpoint = protocol == OtlpExportProtocol.Grpc ? server.OtlpGrpc : new Uri(server.OtlpHttp, "/v1/traces");

        ActivityTraceId traceId;
        ActivitySpanId rootId, dbId, producerId;
        ActivityTraceId producerTraceId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service, serviceVersion: "1.2.3").AddAttributes([new("deployment.environment", "e2e")]))
            .AddSource(sourceName)
            .SetSampler(new AlwaysOnSampler())
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = endpoint;
                o.TimeoutMilliseconds = 10_000;
            })
            .Build())
        using (var source = new ActivitySource(sourceName, "2.0.0"))
        {
            var start = DateTimeOffset.UtcNow.AddSeconds(-5);
            var producer = source.StartActivity("publish orders", ActivityKind.Producer, parentContext: default, startTime: start)!;
            producerTraceId = producer.TraceId;
            producerId = producer.SpanId;
            producer.SetEndTime(start.AddMilliseconds(5).UtcDateTime);
            producer.Stop();

            var root = source.StartActivity("GET /users/:id", ActivityKind.Server, parentContext: default, tags: new Dictionary<string, object?>
            {
                ["http.request.method"] = "GET",
                ["server.port"] = 8080,
                ["app.cache_hit"] = false,
                ["app.ratio"] = 0.5,
                ["app.tags"] = new[] { "a", "b" },
            }, links: [new ActivityLink(producer.Context, new ActivityTagsCollection { ["app.link.reason"] = "message" })], startTime: start)!;
            traceId = root.TraceId;
            rootId = root.SpanId;
            root.AddEvent(new ActivityEvent("cache.miss", start.AddMilliseconds(5), new ActivityTagsCollection { ["cache.key"] = "user:42" }));

            var db = source.StartActivity("SELECT app.users", ActivityKind.Client, root.Context, tags: new Dictionary<string, object?>
            {
                ["db.system"] = "postgresql",
                ["db.statement"] = "SELECT * FROM users WHERE id = 42",
            }, startTime: start.AddMilliseconds(10))!;
            dbId = db.SpanId;
            db.SetStatus(ActivityStatusCode.Error, "connection reset");
            db.SetEndTime(start.AddMilliseconds(40).UtcDateTime);
            db.Stop();

            root.SetEndTime(start.AddMilliseconds(120).UtcDateTime);
            root.Stop();
            Assert.True(provider.ForceFlush(20_000), "the SDK did not flush");
        }

        using var api = new ApiClient(server.Api);

        // Tracehound's own shape.
        var trace = await api.GetTraceV1Async(traceId.ToHexString());
        Assert.Equal(traceId.ToHexString(), trace.GetProperty("traceId").GetString());
        var spans = trace.GetProperty("spans").EnumerateArray().ToDictionary(s => s.GetProperty("spanId").GetString()!);
        Assert.Equal(2, spans.Count);
        var rootSpan = spans[rootId.ToHexString()];
        var dbSpan = spans[dbId.ToHexString()];
        Assert.Equal("GET /users/:id", rootSpan.GetProperty("name").GetString());
        Assert.Equal("server", rootSpan.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, rootSpan.GetProperty("parentSpanId").ValueKind);
        Assert.Equal(120_000_000, rootSpan.GetProperty("duration").GetInt64());
        var attributes = rootSpan.GetProperty("attributes");
        Assert.Equal("GET", attributes.GetProperty("http.request.method").GetString());
        Assert.Equal(8080, attributes.GetProperty("server.port").GetInt64());
        Assert.False(attributes.GetProperty("app.cache_hit").GetBoolean());
        Assert.Equal(0.5, attributes.GetProperty("app.ratio").GetDouble());
        Assert.Equal(["a", "b"], attributes.GetProperty("app.tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(service, rootSpan.GetProperty("resource").GetProperty("service.name").GetString());
        Assert.Equal("e2e", rootSpan.GetProperty("resource").GetProperty("deployment.environment").GetString());
        Assert.Equal(sourceName, rootSpan.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("2.0.0", rootSpan.GetProperty("scope").GetProperty("version").GetString());
        var cacheMiss = Assert.Single(rootSpan.GetProperty("events").EnumerateArray());
        Assert.Equal("cache.miss", cacheMiss.GetProperty("name").GetString());
        Assert.Equal("user:42", cacheMiss.GetProperty("attributes").GetProperty("cache.key").GetString());
        var link = Assert.Single(rootSpan.GetProperty("links").EnumerateArray());
        Assert.Equal(producerTraceId.ToHexString(), link.GetProperty("traceId").GetString());
        Assert.Equal(producerId.ToHexString(), link.GetProperty("spanId").GetString());
        Assert.Equal("message", link.GetProperty("attributes").GetProperty("app.link.reason").GetString());
        // The Datadog view Tracehound derives (not stored: recomputed on read).
        var rootDatadog = rootSpan.GetProperty("datadog");
        Assert.Equal(service, rootDatadog.GetProperty("service").GetString());
        Assert.Equal("web", rootDatadog.GetProperty("type").GetString());
        Assert.True(rootDatadog.GetProperty("topLevel").GetBoolean());
        Assert.Equal("sql", dbSpan.GetProperty("datadog").GetProperty("type").GetString());
        // Obfuscated before it was stored: the literal is nowhere, in the OTel attribute or the resource.
        Assert.Equal("SELECT * FROM users WHERE id = ?", dbSpan.GetProperty("attributes").GetProperty("db.statement").GetString());
        Assert.Equal("SELECT * FROM users WHERE id = ?", dbSpan.GetProperty("datadog").GetProperty("resource").GetString());
        Assert.Equal(1, dbSpan.GetProperty("datadog").GetProperty("error").GetInt32());
        Assert.Equal(rootId.ToHexString(), dbSpan.GetProperty("parentSpanId").GetString());
        Assert.Equal("client", dbSpan.GetProperty("kind").GetString());
        Assert.Equal("error", dbSpan.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("connection reset", dbSpan.GetProperty("status").GetProperty("message").GetString());

        // Jaeger's shape, found by all three id forms.
        var low64 = traceId.ToHexString()[16..];
        var decimalId = ulong.Parse(low64, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        foreach (var id in new[] { traceId.ToHexString(), low64, decimalId })
        {
            var (status, body) = await api.GetAsync($"/api/traces/{id}");
            Assert.True(status == HttpStatusCode.OK, $"/api/traces/{id}: {(int)status} {body}");
            var jaegerTrace = Assert.Single(body.GetProperty("data").EnumerateArray());
            var jaegerSpans = jaegerTrace.GetProperty("spans").EnumerateArray().ToDictionary(s => s.GetProperty("spanID").GetString()!);
            Assert.Equal(2, jaegerSpans.Count);
            var jaegerDb = jaegerSpans[dbId.ToHexString()];
            var childOf = Assert.Single(jaegerDb.GetProperty("references").EnumerateArray());
            Assert.Equal("CHILD_OF", childOf.GetProperty("refType").GetString());
            Assert.Equal(rootId.ToHexString(), childOf.GetProperty("spanID").GetString());
            var dbTags = jaegerDb.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value"));
            Assert.True(dbTags["error"].GetBoolean());
            Assert.Equal("client", dbTags["span.kind"].GetString());
            Assert.Equal("connection reset", dbTags["otel.status_description"].GetString());
            var jaegerRoot = jaegerSpans[rootId.ToHexString()];
            var followsFrom = Assert.Single(jaegerRoot.GetProperty("references").EnumerateArray());
            Assert.Equal("FOLLOWS_FROM", followsFrom.GetProperty("refType").GetString());
            Assert.Equal(producerId.ToHexString(), followsFrom.GetProperty("spanID").GetString());
            Assert.Single(jaegerRoot.GetProperty("logs").EnumerateArray());
            var processId = jaegerRoot.GetProperty("processID").GetString()!;
            Assert.Equal(service, jaegerTrace.GetProperty("processes").GetProperty(processId).GetProperty("serviceName").GetString());
        }

        // The span query API, on Datadog fields, attributes and durations.
        foreach (var (query, expected) in new[]
        {
            ($"service:{service} type:sql", dbId),
            ($"service:{service} status:error", dbId),
            ($"service:{service} resource_name:\"SELECT * FROM users WHERE id = ?\"", dbId),
            ($"service:{service} @duration:>100ms", rootId),
            ($"service:{service} @app.ratio:0.5 -status:error", rootId),
        })
        {
            var (spanStatus, found) = await api.GetAsync($"/api/v1/spans?query={Uri.EscapeDataString(query)}");
            Assert.True(spanStatus == HttpStatusCode.OK, $"{query}: {(int)spanStatus} {found}");
            var match = Assert.Single(found.GetProperty("spans").EnumerateArray());
            Assert.Equal(expected.ToHexString(), match.GetProperty("spanId").GetString());
        }

        // Search finds it too.
        var (searchStatus, search) = await api.GetAsync($"/api/traces?service={service}&limit=10");
        Assert.Equal(HttpStatusCode.OK, searchStatus);
        Assert.Contains(search.GetProperty("data").EnumerateArray(), t => t.GetProperty("traceID").GetString() == traceId.ToHexString());
        var (servicesStatus, services) = await api.GetAsync("/api/services");
        Assert.Equal(HttpStatusCode.OK, servicesStatus);
        Assert.Contains(service, services.GetProperty("data").EnumerateArray().Select(s => s.GetString()));
    }
}
