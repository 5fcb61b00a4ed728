using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>
/// The real OTLP/JSON request of the OpenTelemetry JS SDK (otel-traces.js, http-json exporter)
/// decodes into exactly the workload the harness documents.
/// </summary>
public sealed class OtlpJsonTraceDecoderFixtureTests
{
    private static readonly string[] ExpectedNames =
    [
        "GET /users/:id", "SELECT app.users", "GET", "POST /orders", "payments.charge",
        "publish orders", "process orders", "handle order", "legacy.request", "legacy.compute",
    ];

    private readonly SpanBatch _batch = OtlpJson.Decode(OtlpJson.ReadFixture());
    private readonly JsonElement _result = JsonDocument.Parse(OtlpJson.ReadFixtureText("result.json")).RootElement;

    private long BaseNanos => _result.GetProperty("baseTimeMs").GetInt64() * 1_000_000;

    [Fact]
    public void Decode_JsFixture_HasTenSpansAndNothingRejected()
    {
        Assert.Equal(10, _batch.Count);
        Assert.Equal(0, _batch.RejectedSpans);
        Assert.Equal("", _batch.RejectionMessage);
        Assert.Equal(ExpectedNames.Order(StringComparer.Ordinal), _batch.Spans.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("web", "server", "GET /users/:id", SpanKind.Server, null, 0, 120)]
    [InlineData("web", "db", "SELECT app.users", SpanKind.Client, "server", 10, 30)]
    [InlineData("web", "httpClient", "GET", SpanKind.Client, "server", 50, 40)]
    [InlineData("error", "server", "POST /orders", SpanKind.Server, null, 200, 80)]
    [InlineData("error", "charge", "payments.charge", SpanKind.Internal, "server", 210, 30)]
    [InlineData("producer", "producer", "publish orders", SpanKind.Producer, null, 400, 5)]
    [InlineData("consumer", "consumer", "process orders", SpanKind.Consumer, null, 450, 60)]
    [InlineData("consumer", "handle", "handle order", SpanKind.Internal, "consumer", 460, 40)]
    [InlineData("opentracingShim", "root", "legacy.request", SpanKind.Internal, null, 600, 50)]
    [InlineData("opentracingShim", "child", "legacy.compute", SpanKind.Internal, "root", 610, 20)]
    public void Decode_JsFixture_SpanMatchesWorkloadTable(string trace, string spanKey, string name, SpanKind kind, string? parentKey, int startMs, int durationMs)
    {
        var traceIds = _result.GetProperty("traces").GetProperty(trace);
        var span = FindSpan(traceIds.GetProperty("spans").GetProperty(spanKey).GetString()!);

        Assert.Equal(traceIds.GetProperty("traceId").GetString(), span.TraceId.ToHex());
        Assert.Equal(name, span.Name);
        Assert.Equal(kind, span.Kind);
        var expectedParent = parentKey is null ? default : SpanIdOf(traceIds, parentKey);
        Assert.Equal(expectedParent, span.ParentSpanId);
        Assert.Equal(BaseNanos + (startMs * 1_000_000L), span.StartTimeUnixNano);
        Assert.Equal(durationMs * 1_000_000L, span.DurationNanos);
        Assert.Equal(257u, span.Flags);
        Assert.Equal("", span.TraceState);
    }

    [Fact]
    public void Decode_JsFixture_ServerSpanAttributesKeepTheirTypes()
    {
        var server = FindByName("GET /users/:id");

        Assert.Equal(12, server.Attributes.Length);
        Assert.Equal(AnyValue.FromString("GET"), Attribute(server, "http.request.method"));
        Assert.Equal(AnyValue.FromString("/users/:id"), Attribute(server, "http.route"));
        Assert.Equal(AnyValue.FromString("/users/42"), Attribute(server, "url.path"));
        Assert.Equal(AnyValue.FromString("api.example.test"), Attribute(server, "server.address"));
        Assert.Equal(AnyValue.FromInt(8080), Attribute(server, "server.port"));
        Assert.Equal(AnyValue.FromInt(200), Attribute(server, "http.response.status_code"));
        Assert.Equal(AnyValue.FromBool(false), Attribute(server, "app.cache_hit"));
        Assert.Equal(AnyValue.FromInt(3), Attribute(server, "app.items"));
        Assert.Equal(AnyValue.FromDouble(0.5), Attribute(server, "app.ratio"));
        Assert.Equal(AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromString("b")]), Attribute(server, "app.tags"));
        Assert.Equal(0u, server.DroppedAttributesCount);
    }

    [Fact]
    public void Decode_JsFixture_OtherSpansCarryTheirAttributes()
    {
        Assert.Equal(AnyValue.FromInt(5432), Attribute(FindByName("SELECT app.users"), "server.port"));
        Assert.Equal(AnyValue.FromString("SELECT * FROM users WHERE id = 42"), Attribute(FindByName("SELECT app.users"), "db.statement"));
        Assert.Equal(AnyValue.FromDouble(19.99), Attribute(FindByName("payments.charge"), "payment.amount"));
        Assert.Equal(AnyValue.FromString("msg-1001"), Attribute(FindByName("publish orders"), "messaging.message.id"));
        Assert.Equal(AnyValue.FromInt(1001), Attribute(FindByName("handle order"), "app.order_id"));
        Assert.Equal(AnyValue.FromString("server"), Attribute(FindByName("legacy.request"), "span.kind"));
        Assert.Empty(FindByName("legacy.compute").Attributes);
    }

    [Fact]
    public void Decode_JsFixture_CacheMissEventHasTimeAndAttribute()
    {
        var server = FindByName("GET /users/:id");

        var cacheMiss = Assert.Single(server.Events);
        Assert.Equal("cache.miss", cacheMiss.Name);
        Assert.Equal(BaseNanos + 5_000_000, cacheMiss.TimeUnixNano);
        Assert.Equal([KeyValue.String("cache.key", "user:42")], cacheMiss.Attributes);
    }

    [Fact]
    public void Decode_JsFixture_ErrorSpanHasStatusMessageAndExceptionEvent()
    {
        var orders = FindByName("POST /orders");

        Assert.Equal(StatusCode.Error, orders.StatusCode);
        Assert.Equal("payment declined", orders.StatusMessage);
        Assert.Equal(AnyValue.FromString("PaymentDeclinedError"), Attribute(orders, "error.type"));
        var exception = Assert.Single(orders.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal(BaseNanos + 270_000_000, exception.TimeUnixNano);
        Assert.Equal("card declined for order 1001", exception.Attributes.Single(a => a.Key == "exception.message").Value.AsString());
        Assert.Equal(
            "PaymentDeclinedError: card declined for order 1001\n    at charge (src/billing.js:10:5)\n    at handler (src/orders.js:20:3)",
            exception.Attributes.Single(a => a.Key == "exception.stacktrace").Value.AsString());
    }

    [Fact]
    public void Decode_JsFixture_ChargeSpanIsErrorWithoutMessage()
    {
        var charge = FindByName("payments.charge");

        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal("", charge.StatusMessage);
        Assert.All(_batch.Spans.Where(s => s.Name is not ("payments.charge" or "POST /orders")), s => Assert.Equal(StatusCode.Unset, s.StatusCode));
    }

    [Fact]
    public void Decode_JsFixture_ConsumerLinksToProducerWithAttribute()
    {
        var producerIds = _result.GetProperty("traces").GetProperty("producer");
        var consumer = FindByName("process orders");

        var link = Assert.Single(consumer.Links);
        Assert.Equal(producerIds.GetProperty("traceId").GetString(), link.TraceId.ToHex());
        Assert.Equal(SpanIdOf(producerIds, "producer"), link.SpanId);
        Assert.Equal([KeyValue.String("app.link.reason", "message")], link.Attributes);
        Assert.Equal(257u, link.Flags);
        Assert.All(_batch.Spans.Where(s => s != consumer), s => Assert.Empty(s.Links));
    }

    [Fact]
    public void Decode_JsFixture_AllSpansShareOneResourceAndOneScope()
    {
        var resource = _batch.Spans[0].Resource;
        var scope = _batch.Spans[0].Scope;

        Assert.All(_batch.Spans, s => Assert.Same(resource, s.Resource));
        Assert.All(_batch.Spans, s => Assert.Same(scope, s.Scope));
        Assert.Equal("harness-otel-node", resource.ServiceName);
        Assert.Equal(
            [
                KeyValue.String("service.name", "harness-otel-node"),
                KeyValue.String("service.version", "1.2.3"),
                KeyValue.String("deployment.environment", "acceptance"),
            ],
            resource.Attributes);
        Assert.Equal("harness.otel-traces", scope.Name);
        Assert.Equal("1.0.0", scope.Version);
        Assert.Empty(scope.Attributes);
        Assert.Equal("harness-otel-node", _batch.Spans[5].ServiceName);
    }

    private Span FindSpan(string spanIdHex)
    {
        Assert.True(SpanId.TryParseHex(spanIdHex, out var id));
        return Assert.Single(_batch.Spans, s => s.SpanId == id);
    }

    private Span FindByName(string name) => Assert.Single(_batch.Spans, s => s.Name == name);

    private static SpanId SpanIdOf(JsonElement traceIds, string spanKey)
    {
        Assert.True(SpanId.TryParseHex(traceIds.GetProperty("spans").GetProperty(spanKey).GetString(), out var id));
        return id;
    }

    private static AnyValue Attribute(Span span, string key)
    {
        Assert.True(span.TryGetAttribute(key, out var value), $"{span.Name} has no attribute {key}");
        return value;
    }
}
