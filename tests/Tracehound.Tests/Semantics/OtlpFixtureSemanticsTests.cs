using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Tests.Otlp.Protobuf;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

/// <summary>The real OTel JS payload (harness workload) mapped to the Datadog view.</summary>
public sealed class OtlpFixtureSemanticsTests
{
    [Theory]
    [InlineData("otel-js-traces-http-proto")]
    [InlineData("otel-js-traces-grpc")]
    public void Map_OtelJsFixture_AgentFields(string label)
    {
        var fixture = OtlpFixture.Load(label);
        var batch = OtlpProtobufTraceDecoder.Decode(fixture.Sequence);

        Run(batch);

        var byName = batch.Spans.ToDictionary(s => s.Name, s => s.Datadog!);
        Assert.All(byName.Values, d => Assert.Equal("harness-otel-node", d.Service));
        Assert.All(byName.Values, d => Assert.Equal("acceptance", Meta(d, "env")));
        Assert.All(byName.Values, d => Assert.Equal("1.2.3", Meta(d, "version")));

        Expect(byName["GET /users/:id"], "http.server.request", "GET /users/:id", "web", 0, topLevel: true);
        Expect(byName["SELECT app.users"], "postgresql.query", "SELECT * FROM users WHERE id = 42", "sql", 0, topLevel: false);
        Expect(byName["GET"], "http.client.request", "GET", "http", 0, topLevel: false);
        Expect(byName["POST /orders"], "http.server.request", "POST /orders", "web", 1, topLevel: true);
        Expect(byName["payments.charge"], "Internal", "payments.charge", "custom", 1, topLevel: false);
        Expect(byName["publish orders"], "kafka.publish", "publish orders", "custom", 0, topLevel: true);
        Expect(byName["process orders"], "kafka.process", "process orders", "custom", 0, topLevel: true);
        Expect(byName["handle order"], "Internal", "handle order", "custom", 0, topLevel: false);
        // http.method on an INTERNAL span: the method rule applies to every kind (route only for servers).
        Expect(byName["legacy.request"], "Internal", "GET", "custom", 0, topLevel: true);

        var server = byName["GET /users/:id"];
        Assert.Equal("server", Meta(server, "span.kind"));
        Assert.Equal("200", Meta(server, "http.status_code"));
        Assert.Equal(200, Metric(server, "http.status_code"));
        Assert.Equal("GET", Meta(server, "http.method"));
        Assert.Equal("harness-client/1.0", Meta(server, "http.useragent"));
        Assert.Equal("api.example.test", Meta(server, "http.server_name"));
        Assert.Equal(8080, Metric(server, "server.port"));
        Assert.Equal("false", Meta(server, "app.cache_hit"));
        Assert.Equal("[\"a\",\"b\"]", Meta(server, "app.tags"));
        Assert.Equal("harness.otel-traces", Meta(server, "otel.library.name"));
        Assert.Equal(fixture.TraceId("web"), Meta(server, "otel.trace_id"));
        Assert.Contains("\"name\":\"cache.miss\"", Meta(server, "events"), StringComparison.Ordinal);

        var error = byName["POST /orders"];
        Assert.Equal("card declined for order 1001", Meta(error, "error.msg"));
        Assert.Equal("PaymentDeclinedError", Meta(error, "error.type"));
        Assert.StartsWith("PaymentDeclinedError: card declined", Meta(error, "error.stack"), StringComparison.Ordinal);
        Assert.Equal("Error", Meta(error, "otel.status_code"));
        Assert.Equal("payment declined", Meta(error, "otel.status_description"));

        Assert.Null(Meta(byName["payments.charge"], "error.msg"));
        Assert.Equal("app", Meta(byName["SELECT app.users"], "db.name"));
        Assert.Equal("http://billing.internal:8081/accounts/42", Meta(byName["GET"], "http.url"));
        Assert.Contains(fixture.SpanId("producer", "producer"), Meta(byName["process orders"], "_dd.span_links"), StringComparison.Ordinal);

        // The OpenTracing shim's string span.kind attribute wins in meta; the OTel kind stays INTERNAL.
        Assert.Equal("server", Meta(byName["legacy.request"], "span.kind"));
        Assert.Equal("200", Meta(byName["legacy.request"], "http.status_code"));
        Assert.Equal(SpanKind.Internal, batch.Spans.Single(s => s.Name == "legacy.request").Kind);
    }

    private static void Expect(DatadogSpanInfo info, string name, string resource, string type, int error, bool topLevel)
    {
        Assert.Equal((name, resource, type, error, topLevel), (info.Name, info.Resource, info.Type, info.Error, info.TopLevel));
    }
}
