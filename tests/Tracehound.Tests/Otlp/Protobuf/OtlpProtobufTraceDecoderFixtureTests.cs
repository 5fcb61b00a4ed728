using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>Real payloads captured from the OpenTelemetry JS and .NET SDKs (see the harness README for what they hold).</summary>
public sealed class OtlpProtobufTraceDecoderFixtureTests
{
    private const string Stacktrace =
        "PaymentDeclinedError: card declined for order 1001\n    at charge (src/billing.js:10:5)\n    at handler (src/orders.js:20:3)";

    [Theory]
    [InlineData("otel-js-traces-grpc")]
    [InlineData("otel-js-traces-http-proto")]
    public void Decode_OtelJsFixture_HoldsTheTenSpansOfTheWorkload(string label)
    {
        var fixture = OtlpFixture.Load(label);

        var batch = OtlpProtobufTraceDecoder.Decode(fixture.Sequence);

        Assert.Equal(10, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
        Assert.Equal(
            ["GET", "GET /users/:id", "POST /orders", "SELECT app.users", "handle order", "legacy.compute", "legacy.request", "payments.charge", "process orders", "publish orders"],
            batch.Spans.Select(s => s.Name).Order(StringComparer.Ordinal));

        var server = Find(batch, fixture, "web", "server", "GET /users/:id", SpanKind.Server);
        var db = Find(batch, fixture, "web", "db", "SELECT app.users", SpanKind.Client);
        var httpClient = Find(batch, fixture, "web", "httpClient", "GET", SpanKind.Client);
        var errorServer = Find(batch, fixture, "error", "server", "POST /orders", SpanKind.Server);
        var charge = Find(batch, fixture, "error", "charge", "payments.charge", SpanKind.Internal);
        var producer = Find(batch, fixture, "producer", "producer", "publish orders", SpanKind.Producer);
        var consumer = Find(batch, fixture, "consumer", "consumer", "process orders", SpanKind.Consumer);
        var handle = Find(batch, fixture, "consumer", "handle", "handle order", SpanKind.Internal);
        var legacyRoot = Find(batch, fixture, "opentracingShim", "root", "legacy.request", SpanKind.Internal);
        var legacyChild = Find(batch, fixture, "opentracingShim", "child", "legacy.compute", SpanKind.Internal);

        AssertParents(server, db, httpClient, errorServer, charge, producer, consumer, handle, legacyRoot, legacyChild);
        AssertTimes(fixture, (server, 0, 120), (db, 10, 30), (httpClient, 50, 40), (errorServer, 200, 80), (charge, 210, 30),
            (producer, 400, 5), (consumer, 450, 60), (handle, 460, 40), (legacyRoot, 600, 50), (legacyChild, 610, 20));

        AssertWebServerSpan(fixture, server);
        AssertErrorSpans(fixture, errorServer, charge);

        var link = Assert.Single(consumer.Links);
        Assert.Equal(producer.TraceId, link.TraceId);
        Assert.Equal(producer.SpanId, link.SpanId);
        Assert.Equal(AnyValue.FromString("message"), Attribute(link.Attributes, "app.link.reason"));
        Assert.Equal(0x101u, link.Flags);
        Assert.Equal(AnyValue.FromString("process"), Attribute(consumer.Attributes, "messaging.operation.type"));
        Assert.Equal(AnyValue.FromString("order-workers"), Attribute(consumer.Attributes, "messaging.consumer.group.name"));
        Assert.Equal(AnyValue.FromString("kafka"), Attribute(producer.Attributes, "messaging.system"));
        Assert.Equal(AnyValue.FromInt(1001), Attribute(handle.Attributes, "app.order_id"));

        // OpenTracing tags are plain string attributes; the OTel kind stays INTERNAL.
        Assert.Equal(AnyValue.FromString("server"), Attribute(legacyRoot.Attributes, "span.kind"));
        Assert.Equal(AnyValue.FromString("legacy"), Attribute(legacyRoot.Attributes, "component"));
        var checkpoint = Assert.Single(legacyChild.Events);
        Assert.Equal("checkpoint", checkpoint.Name);
        Assert.Equal(fixture.At(615), checkpoint.TimeUnixNano);
        Assert.Equal(AnyValue.FromString("checkpoint"), Attribute(checkpoint.Attributes, "event"));

        Assert.All(batch.Spans, s => Assert.Equal(0x101u, s.Flags));
        Assert.All(batch.Spans, s => Assert.Equal(string.Empty, s.TraceState));

        // One Resource and one InstrumentationScope instance for the whole block.
        Assert.Single(batch.Spans.Select(s => s.Resource).Distinct());
        Assert.Single(batch.Spans.Select(s => s.Scope).Distinct());
        var resource = server.Resource;
        Assert.Equal("harness-otel-node", resource.ServiceName);
        Assert.Equal(
            ["deployment.environment", "service.name", "service.version"],
            resource.Attributes.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal(AnyValue.FromString("1.2.3"), Attribute(resource.Attributes, "service.version"));
        Assert.Equal(AnyValue.FromString("acceptance"), Attribute(resource.Attributes, "deployment.environment"));
        Assert.Equal("harness.otel-traces", server.Scope.Name);
        Assert.Equal("1.0.0", server.Scope.Version);
    }

    [Theory]
    [InlineData("otel-dotnet-grpc")]
    [InlineData("otel-dotnet-http-proto")]
    public void Decode_OtelDotnetFixture_HoldsTheWebAndErrorTraces(string label)
    {
        var fixture = OtlpFixture.Load(label);

        var batch = OtlpProtobufTraceDecoder.Decode(fixture.Sequence);

        Assert.Equal(5, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
        var server = Find(batch, fixture, "web", "server", "GET /users/:id", SpanKind.Server);
        var db = Find(batch, fixture, "web", "db", "SELECT app.users", SpanKind.Client);
        var httpClient = Find(batch, fixture, "web", "httpClient", "GET", SpanKind.Client);
        var errorServer = Find(batch, fixture, "error", "server", "POST /orders", SpanKind.Server);
        var charge = Find(batch, fixture, "error", "charge", "payments.charge", SpanKind.Internal);

        Assert.Equal(server.SpanId, db.ParentSpanId);
        Assert.Equal(server.SpanId, httpClient.ParentSpanId);
        Assert.Equal(errorServer.SpanId, charge.ParentSpanId);
        Assert.True(server.ParentSpanId.IsEmpty);
        Assert.True(errorServer.ParentSpanId.IsEmpty);
        AssertTimes(fixture, (server, 0, 120), (db, 10, 30), (httpClient, 50, 40), (errorServer, 200, 80), (charge, 210, 30));
        AssertWebServerSpan(fixture, server);
        AssertErrorSpans(fixture, errorServer, charge);
        Assert.Equal(AnyValue.FromString("SELECT * FROM users WHERE id = 42"), Attribute(db.Attributes, "db.statement"));
        Assert.Equal(AnyValue.FromInt(5432), Attribute(db.Attributes, "server.port"));
        Assert.Equal(AnyValue.FromString("http://billing.internal:8081/accounts/42"), Attribute(httpClient.Attributes, "url.full"));

        Assert.Single(batch.Spans.Select(s => s.Resource).Distinct());
        Assert.Single(batch.Spans.Select(s => s.Scope).Distinct());
        var resource = server.Resource;
        Assert.Equal("harness-otel-dotnet", resource.ServiceName);
        Assert.Equal(AnyValue.FromString("dotnet"), Attribute(resource.Attributes, "telemetry.sdk.language"));
        Assert.Equal(AnyValue.FromString("1.20.1"), Attribute(resource.Attributes, "telemetry.sdk.version"));
        Assert.Equal(AnyValue.FromString("acceptance"), Attribute(resource.Attributes, "deployment.environment"));
        Assert.Equal(6, resource.Attributes.Length);
        Assert.Equal("harness.dotnet", server.Scope.Name);
        Assert.Equal("1.0.0", server.Scope.Version);
        
        // .NET sends the schema URL as ResourceSpans field 3, after the scope_spans.
        Assert.Equal("https://opentelemetry.io/schemas/1.44.0", resource.SchemaUrl);
        Assert.Equal(string.Empty, server.Scope.SchemaUrl);
    }

    private static Span Find(SpanBatch batch, OtlpFixture fixture, string trace, string span, string name, SpanKind kind)
    {
        var spanId = fixture.SpanId(trace, span);
        var found = Assert.Single(batch.Spans, s => s.SpanId.ToHex() == spanId);
        Assert.Equal(fixture.TraceId(trace), found.TraceId.ToHex());
        Assert.Equal(name, found.Name);
        Assert.Equal(kind, found.Kind);
        return found;
    }

    private static void AssertParents(Span server, Span db, Span httpClient, Span errorServer, Span charge, Span producer, Span consumer, Span handle, Span legacyRoot, Span legacyChild)
    {
        Assert.True(server.ParentSpanId.IsEmpty);
        Assert.Equal(server.SpanId, db.ParentSpanId);
        Assert.Equal(server.SpanId, httpClient.ParentSpanId);
        Assert.True(errorServer.ParentSpanId.IsEmpty);
        Assert.Equal(errorServer.SpanId, charge.ParentSpanId);
        Assert.True(producer.ParentSpanId.IsEmpty);
        Assert.True(consumer.ParentSpanId.IsEmpty);
        Assert.NotEqual(producer.TraceId, consumer.TraceId);
        Assert.Equal(consumer.SpanId, handle.ParentSpanId);
        Assert.True(legacyRoot.ParentSpanId.IsEmpty);
        Assert.Equal(legacyRoot.SpanId, legacyChild.ParentSpanId);
    }

    private static void AssertTimes(OtlpFixture fixture, params (Span Span, long StartMs, long DurationMs)[] expected)
    {
        foreach (var (span, startMs, durationMs) in expected)
        {
            Assert.Equal(fixture.At(startMs), span.StartTimeUnixNano);
            Assert.Equal(fixture.At(startMs + durationMs), span.EndTimeUnixNano);
        }
    }

    private static void AssertWebServerSpan(OtlpFixture fixture, Span server)
    {
        var attributes = server.Attributes;
        Assert.Equal(AnyValue.FromString("GET"), Attribute(attributes, "http.request.method"));
        Assert.Equal(AnyValue.FromString("/users/:id"), Attribute(attributes, "http.route"));
        Assert.Equal(AnyValue.FromString("/users/42"), Attribute(attributes, "url.path"));
        Assert.Equal(AnyValue.FromString("http"), Attribute(attributes, "url.scheme"));
        Assert.Equal(AnyValue.FromString("api.example.test"), Attribute(attributes, "server.address"));
        Assert.Equal(AnyValue.FromInt(8080), Attribute(attributes, "server.port"));
        Assert.Equal(AnyValue.FromString("harness-client/1.0"), Attribute(attributes, "user_agent.original"));
        Assert.Equal(AnyValue.FromInt(200), Attribute(attributes, "http.response.status_code"));
        Assert.Equal(AnyValue.FromBool(false), Attribute(attributes, "app.cache_hit"));
        Assert.Equal(AnyValue.FromInt(3), Attribute(attributes, "app.items"));
        Assert.Equal(AnyValue.FromDouble(0.5), Attribute(attributes, "app.ratio"));
        Assert.Equal(AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromString("b")]), Attribute(attributes, "app.tags"));
        Assert.Equal(12, attributes.Length);

        var cacheMiss = Assert.Single(server.Events);
        Assert.Equal("cache.miss", cacheMiss.Name);
        Assert.Equal(fixture.At(5), cacheMiss.TimeUnixNano);
        Assert.Equal([KeyValue.String("cache.key", "user:42")], cacheMiss.Attributes);
        Assert.Equal(StatusCode.Unset, server.StatusCode);
    }

    private static void AssertErrorSpans(OtlpFixture fixture, Span errorServer, Span charge)
    {
        Assert.Equal(StatusCode.Error, errorServer.StatusCode);
        Assert.Equal("payment declined", errorServer.StatusMessage);
        Assert.Equal(AnyValue.FromInt(500), Attribute(errorServer.Attributes, "http.response.status_code"));
        Assert.Equal(AnyValue.FromString("PaymentDeclinedError"), Attribute(errorServer.Attributes, "error.type"));
        var exception = Assert.Single(errorServer.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal(fixture.At(270), exception.TimeUnixNano);
        Assert.Equal(AnyValue.FromString("PaymentDeclinedError"), Attribute(exception.Attributes, "exception.type"));
        Assert.Equal(AnyValue.FromString("card declined for order 1001"), Attribute(exception.Attributes, "exception.message"));
        Assert.Equal(AnyValue.FromString(Stacktrace), Attribute(exception.Attributes, "exception.stacktrace"));

        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal(string.Empty, charge.StatusMessage);
        Assert.Equal(AnyValue.FromDouble(19.99), Attribute(charge.Attributes, "payment.amount"));
        Assert.Equal(AnyValue.FromString("EUR"), Attribute(charge.Attributes, "payment.currency"));
    }

    private static AnyValue Attribute(KeyValue[] attributes, string key) => Assert.Single(attributes, a => a.Key == key).Value;
}
