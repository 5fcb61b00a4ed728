using Tracehound.Model;
using Xunit;

namespace Tracehound.Tests.Datadog;

/// <summary>The real dd-trace 5.132.0 payloads decode to exactly the workload of the harness README.</summary>
public sealed class DatadogFixtureDecodeTests
{
    public static TheoryData<string> Labels => ["dd-trace-js-v0.4", "dd-trace-js-v0.4-64bit", "dd-trace-js-v0.5"];

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_Fixture_HasEveryTraceAndSpan(string label)
    {
        var fixture = DatadogFixture.Load(label);
        var batch = fixture.Decode();

        Assert.Equal(14, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
        Assert.Equal(7, batch.Spans.Select(s => s.TraceId).Distinct().Count());
        Assert.Equal(8, batch.Spans.Select(s => s.Datadog!.Chunk).Distinct().Count());
        foreach (var (api, trace) in new[] { ("native", "web"), ("native", "error"), ("native", "producer"), ("native", "consumer"), ("opentracing", "web") })
        {
            var spans = batch.Spans.Where(s => s.TraceId.Low == fixture.TraceIdLow(api, trace)).ToList();
            Assert.NotEmpty(spans);
            Assert.All(spans, s => Assert.Equal(fixture.TraceIdHex(api, trace), s.TraceId.ToHex()));
        }

        foreach (var trace in new[] { "web", "error" })
        {
            var server = Span(batch, fixture.SpanId("otel", trace, "server"));
            Assert.Equal(fixture.TraceIdHex("otel", trace), server.TraceId.ToHex());
            Assert.Equal(0UL, server.TraceId.High);
        }

        var is128 = !label.EndsWith("64bit", StringComparison.Ordinal);
        Assert.Equal(is128, Span(batch, fixture.SpanId("native", "web", "server")).TraceId.High != 0);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_NativeWebTrace_MapsEveryField(string label)
    {
        var fixture = DatadogFixture.Load(label);
        var batch = fixture.Decode();
        var web = Span(batch, fixture.SpanId("native", "web", "server"));
        var db = Span(batch, fixture.SpanId("native", "web", "db"));
        var client = Span(batch, fixture.SpanId("native", "web", "httpClient"));

        Assert.Equal("GET /users/:id", web.Name);
        Assert.Equal(SpanKind.Server, web.Kind);
        Assert.Equal(StatusCode.Unset, web.StatusCode);
        Assert.True(web.ParentSpanId.IsEmpty);
        AssertTime(fixture.At(0), web.StartTimeUnixNano);
        AssertTime(120_000_000, web.DurationNanos);
        var dd = web.Datadog!;
        Assert.Equal(("harness-dd-node", "web.request", "GET /users/:id", "web", 0), (dd.Service, dd.Name, dd.Resource, dd.Type, dd.Error));
        Assert.Equal(1, dd.Chunk.Priority);
        Assert.Equal(fixture.Endpoint, dd.Payload.Endpoint);
        Assert.Equal("nodejs", dd.Payload.LanguageName);
        Assert.Equal("5.132.0", dd.Payload.TracerVersion);
        Assert.Equal("GET", Text(web, "http.method"));
        Assert.Equal("/users/:id", Text(web, "http.route"));
        Assert.Equal("http://api.example.test:8080/users/42", Text(web, "http.url"));
        Assert.Equal("harness-client/1.0", Text(web, "http.useragent"));
        Assert.Equal("200", Text(web, "http.status_code"));
        Assert.Equal("harness", Text(web, "component"));
        Assert.Equal("dd-trace", Text(web, "harness.client"));
        Assert.Equal(3.0, Number(web, "app.items"));
        Assert.Equal(0.5, Number(web, "app.ratio"));
        var cacheMiss = Assert.Single(web.Events);
        Assert.Equal("cache.miss", cacheMiss.Name);
        AssertTime(fixture.At(5), cacheMiss.TimeUnixNano);
        Assert.Equal(new KeyValue("cache.key", AnyValue.FromString("user:42")), Assert.Single(cacheMiss.Attributes));

        Assert.Equal("harness-dd-node", web.Resource.ServiceName);
        Assert.Equal("acceptance", ResourceText(web, "deployment.environment.name"));
        Assert.Equal("1.2.3", ResourceText(web, "service.version"));
        Assert.Equal("nodejs", ResourceText(web, "telemetry.sdk.language"));

        Assert.Equal("postgres.query", db.Name);
        Assert.Equal(web.SpanId, db.ParentSpanId);
        Assert.Equal(web.TraceId, db.TraceId);
        Assert.Equal(SpanKind.Client, db.Kind);
        Assert.Equal(("harness-dd-node-postgres", "SELECT * FROM users WHERE id = 42", "sql"), (db.Datadog!.Service, db.Datadog.Resource, db.Datadog.Type));
        Assert.Equal("harness-dd-node-postgres", db.Resource.ServiceName);
        Assert.Equal("postgres", Text(db, "db.type"));
        Assert.Equal("app", Text(db, "db.name"));
        Assert.Equal("app_user", Text(db, "db.user"));
        Assert.Equal("db.internal", Text(db, "out.host"));
        Assert.Equal(5432.0, Number(db, "network.destination.port"));
        AssertTime(fixture.At(10), db.StartTimeUnixNano);
        AssertTime(30_000_000, db.DurationNanos);

        Assert.Equal("http.request", client.Name);
        Assert.Equal(("GET", "http"), (client.Datadog!.Resource, client.Datadog.Type));
        Assert.Equal("billing.internal", Text(client, "out.host"));
        Assert.Equal("200", Text(client, "http.status_code"));
        AssertTime(fixture.At(50), client.StartTimeUnixNano);
        AssertTime(40_000_000, client.DurationNanos);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_ErrorTrace_SetsStatusFromErrorField(string label)
    {
        var fixture = DatadogFixture.Load(label);
        var batch = fixture.Decode();
        var server = Span(batch, fixture.SpanId("native", "error", "server"));
        var charge = Span(batch, fixture.SpanId("native", "error", "charge"));

        Assert.Equal("POST /orders", server.Name);
        Assert.Equal(1, server.Datadog!.Error);
        Assert.Equal(StatusCode.Error, server.StatusCode);
        Assert.Equal("card declined for order 1001", server.StatusMessage);
        Assert.Equal("PaymentDeclinedError", Text(server, "error.type"));
        Assert.StartsWith("PaymentDeclinedError: card declined for order 1001\n    at charge", Text(server, "error.stack"), StringComparison.Ordinal);
        Assert.Equal("500", Text(server, "http.status_code"));
        AssertTime(fixture.At(200), server.StartTimeUnixNano);
        AssertTime(80_000_000, server.DurationNanos);

        Assert.Equal("payments.charge", charge.Name);
        Assert.Equal("charge", charge.Datadog!.Resource);
        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal(19.99, Number(charge, "payment.amount"));
        Assert.Equal("EUR", Text(charge, "payment.currency"));
        Assert.Equal(server.SpanId, charge.ParentSpanId);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_MessagingTraces_LinkConsumerToProducer(string label)
    {
        var fixture = DatadogFixture.Load(label);
        var batch = fixture.Decode();
        var producer = Span(batch, fixture.SpanId("native", "producer", "producer"));
        var consumer = Span(batch, fixture.SpanId("native", "consumer", "consumer"));
        var handle = Span(batch, fixture.SpanId("native", "consumer", "handle"));

        Assert.Equal(("kafka.produce", SpanKind.Producer, "orders", "queue"), (producer.Name, producer.Kind, producer.Datadog!.Resource, producer.Datadog.Type));
        Assert.Equal("kafka", Text(producer, "messaging.system"));
        Assert.Equal("msg-1001", Text(producer, "messaging.message.id"));
        Assert.Equal(("kafka.consume", SpanKind.Consumer, "worker"), (consumer.Name, consumer.Kind, consumer.Datadog!.Type));
        Assert.True(consumer.ParentSpanId.IsEmpty);
        Assert.NotEqual(producer.TraceId, consumer.TraceId);
        // From the _dd.span_links meta JSON (also in v0.5, which has no span_links field).
        var link = Assert.Single(consumer.Links);
        Assert.Equal(producer.TraceId, link.TraceId);
        Assert.Equal(producer.SpanId, link.SpanId);
        Assert.Equal(new KeyValue("app.link.reason", AnyValue.FromString("message")), Assert.Single(link.Attributes));
        Assert.Equal(("order.handle", "handle order"), (handle.Name, handle.Datadog!.Resource));
        Assert.Equal(consumer.SpanId, handle.ParentSpanId);
        Assert.Equal(1001.0, Number(handle, "app.order_id"));
        AssertTime(fixture.At(460), handle.StartTimeUnixNano);
        AssertTime(40_000_000, handle.DurationNanos);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_OpenTracingAndOtelSpans_KeepTheirShape(string label)
    {
        var fixture = DatadogFixture.Load(label);
        var batch = fixture.Decode();
        var root = Span(batch, fixture.SpanId("opentracing", "web", "server"));
        var client = Span(batch, fixture.SpanId("opentracing", "web", "httpClient"));
        var downstream = Span(batch, fixture.SpanId("opentracing", "web", "downstreamServer"));
        Assert.Equal("GET /ot/items/:id", root.Name);
        Assert.Equal(root.SpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, downstream.ParentSpanId);
        Assert.Equal(root.TraceId, downstream.TraceId);
        Assert.NotSame(root.Datadog!.Chunk, downstream.Datadog!.Chunk);
        Assert.Equal("GET /items/:id", downstream.Name);
        Assert.Equal("harness-dd-node-inventory", downstream.Resource.ServiceName);
        AssertTime(fixture.At(600), root.StartTimeUnixNano);
        AssertTime(50_000_000, root.DurationNanos);

        var otelWeb = Span(batch, fixture.SpanId("otel", "web", "server"));
        var otelDb = Span(batch, fixture.SpanId("otel", "web", "db"));
        var otelError = Span(batch, fixture.SpanId("otel", "error", "server"));
        Assert.Equal(("GET /otel/users/:id", SpanKind.Server), (otelWeb.Name, otelWeb.Kind));
        Assert.Equal("otel", Text(otelWeb, "_dd.integration"));
        Assert.Equal(200.0, Number(otelWeb, "http.response.status_code"));
        Assert.Equal(("SELECT app.users", SpanKind.Client), (otelDb.Name, otelDb.Kind));
        Assert.Equal("postgresql", Text(otelDb, "db.system"));
        Assert.Equal(otelWeb.SpanId, otelDb.ParentSpanId);
        Assert.Equal(StatusCode.Error, otelError.StatusCode);
        Assert.Equal("payment declined", otelError.StatusMessage);
        var exception = Assert.Single(otelError.Events);
        Assert.Equal("PaymentDeclinedError", exception.Name);
        AssertTime(fixture.At(950), exception.TimeUnixNano);
        AssertTime(fixture.At(900), otelError.StartTimeUnixNano);
    }

    private static Span Span(SpanBatch batch, ulong spanId) => batch.Spans.Single(s => s.SpanId.Value == spanId);

    private static string Text(Span span, string key)
    {
        Assert.True(span.TryGetAttribute(key, out var value), $"no attribute {key}");
        return value.AsString();
    }

    private static double Number(Span span, string key)
    {
        Assert.True(span.TryGetAttribute(key, out var value), $"no attribute {key}");
        return value.AsDouble();
    }

    private static string ResourceText(Span span, string key) => span.Resource.Attributes.Single(a => a.Key == key).Value.AsString();

    /// <summary>dd-trace derives ns from float ms: compare within 1 µs.</summary>
    private static void AssertTime(long expected, long actual) => Assert.InRange(actual, expected - 1000, expected + 1000);
}
