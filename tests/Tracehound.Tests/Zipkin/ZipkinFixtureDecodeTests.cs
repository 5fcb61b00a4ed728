using Tracehound.Ingest.Zipkin;
using Tracehound.Model;

namespace Tracehound.Tests.Zipkin;

/// <summary>The real zipkin-js and OpenTelemetry Zipkin exporter payloads, checked against the harness workload.</summary>
public sealed class ZipkinFixtureDecodeTests
{
    [Theory]
    [InlineData("zipkin-js-v2", false)]
    [InlineData("zipkin-js-v2-128bit", true)]
    public void ZipkinJs_Fixture_MapsEveryWorkloadSpan(string label, bool id128)
    {
        var fixture = TracerFixture.Load(label);
        var batch = ZipkinJsonV2Decoder.Decode(fixture.Payload, ZipkinSpanMapper.ForNow());

        Assert.Equal(10, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
        Assert.All(batch.Spans, s => Assert.Equal("harness-zipkin-node", s.ServiceName));
        Assert.All(batch.Spans, s => Assert.False(s.TryGetAttribute("error", out _)));

        var web = TracerFixture.Find(batch, "get /users/:id");
        Assert.Equal(fixture.TraceId("web"), web.TraceId);
        Assert.Equal(id128, web.TraceId.High != 0);
        Assert.Equal(fixture.SpanId("web", "server"), web.SpanId);
        Assert.Equal(web.TraceId.Low, web.SpanId.Value); // zipkin-js: root span id = trace id (low half)
        Assert.True(web.ParentSpanId.IsEmpty);
        Assert.Equal(SpanKind.Server, web.Kind);
        Assert.Equal(fixture.At(0), web.StartTimeUnixNano);
        Assert.Equal(120_000_000, web.DurationNanos);
        Assert.Equal("/users/42", TracerFixture.StringAttribute(web, "http.path"));
        Assert.Equal("200", TracerFixture.StringAttribute(web, "http.status_code"));
        Assert.Equal("1.2.3", TracerFixture.StringAttribute(web, "service.version"));
        Assert.Equal("192.0.2.10", TracerFixture.StringAttribute(web, "network.peer.address"));
        Assert.Equal(51234, TracerFixture.Attribute(web, "network.peer.port").AsInt());
        Assert.Equal("192.0.2.10", TracerFixture.StringAttribute(web, "client.address"));
        Assert.Equal(51234, TracerFixture.Attribute(web, "client.port").AsInt());
        var cacheMiss = Assert.Single(web.Events);
        Assert.Equal("cache.miss", cacheMiss.Name);
        Assert.Equal(fixture.At(5), cacheMiss.TimeUnixNano);

        var db = TracerFixture.Find(batch, "select users");
        Assert.Equal(SpanKind.Client, db.Kind);
        Assert.Equal(web.SpanId, db.ParentSpanId);
        Assert.Equal(fixture.SpanId("web", "db"), db.SpanId);
        Assert.Equal("postgresql", TracerFixture.StringAttribute(db, "peer.service"));
        Assert.Equal(5432, TracerFixture.Attribute(db, "network.peer.port").AsInt());
        Assert.False(db.TryGetAttribute("server.address", out _)); // no IP in the remote endpoint
        Assert.Equal(fixture.At(10), db.StartTimeUnixNano);

        var downstream = TracerFixture.Find(batch, "get /accounts/:id");
        Assert.Equal("billing", TracerFixture.StringAttribute(downstream, "peer.service"));

        var error = TracerFixture.Find(batch, "post /orders");
        Assert.Equal(StatusCode.Error, error.StatusCode);
        Assert.Equal("payment declined", error.StatusMessage);
        Assert.Equal("PaymentDeclinedError: card declined for order 1001", Assert.Single(error.Events).Name);
        Assert.Equal(fixture.At(270), error.Events[0].TimeUnixNano);

        var charge = TracerFixture.Find(batch, "payments.charge");
        Assert.Equal(SpanKind.Internal, charge.Kind);
        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal("charge failed", charge.StatusMessage);
        Assert.Equal("19.99", TracerFixture.StringAttribute(charge, "payment.amount"));
        Assert.Equal(error.SpanId, charge.ParentSpanId);

        var producer = TracerFixture.Find(batch, "send orders");
        var consumer = TracerFixture.Find(batch, "receive orders");
        var handle = TracerFixture.Find(batch, "handle order");
        Assert.Equal(SpanKind.Producer, producer.Kind);
        Assert.Equal("kafka", TracerFixture.StringAttribute(producer, "peer.service"));
        Assert.Equal(SpanKind.Consumer, consumer.Kind);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Equal(producer.TraceId, consumer.TraceId);
        Assert.Equal(SpanKind.Internal, handle.Kind);
        Assert.Equal(consumer.SpanId, handle.ParentSpanId);
        Assert.Equal(fixture.At(460), handle.StartTimeUnixNano);
        Assert.Equal(40_000_000, handle.DurationNanos);

        // zipkin-javascript-opentracing: wall-clock times, no default tags, span.log() → "[object Object]".
        var otServer = TracerFixture.Find(batch, "ot get /legacy/:id");
        var otClient = TracerFixture.Find(batch, "ot fetch stock");
        Assert.Equal(fixture.TraceId("opentracing"), otServer.TraceId);
        Assert.Equal(otServer.SpanId, otClient.ParentSpanId);
        Assert.False(otServer.TryGetAttribute("service.version", out _));
        Assert.Equal("inventory", TracerFixture.StringAttribute(otClient, "peer.service"));
        Assert.Equal("[object Object]", Assert.Single(otClient.Events).Name);
        Assert.True(otClient.StartTimeUnixNano > 0);
    }

    [Fact]
    public void OtelZipkinExporter_Fixture_MapsStatusesKindsAndResource()
    {
        var fixture = TracerFixture.Load("otel-js-traces-zipkin");
        var batch = ZipkinJsonV2Decoder.Decode(fixture.Payload, ZipkinSpanMapper.ForNow());

        Assert.Equal(10, batch.Count);
        Assert.All(batch.Spans, s => Assert.Equal("harness-otel-node", s.ServiceName));
        // service.name copied into every span's tags is the resource's, not an attribute.
        Assert.All(batch.Spans, s => Assert.False(s.TryGetAttribute("service.name", out _)));
        Assert.All(batch.Spans, s => Assert.False(s.TryGetAttribute("otel.status_code", out _)));
        Assert.All(batch.Spans, s => Assert.Empty(s.Links)); // the exporter drops links

        var web = TracerFixture.Find(batch, "GET /users/:id");
        Assert.Equal(fixture.TraceId("web"), web.TraceId);
        Assert.Equal(SpanKind.Server, web.Kind);
        Assert.Equal(fixture.At(0), web.StartTimeUnixNano);
        Assert.Equal("false", TracerFixture.StringAttribute(web, "app.cache_hit")); // Zipkin tags are strings
        Assert.Equal("cache.miss", Assert.Single(web.Events).Name);

        // Both error spans carry otel.status_code=ERROR; only the one with a message has the error tag.
        var error = TracerFixture.Find(batch, "POST /orders");
        Assert.Equal(StatusCode.Error, error.StatusCode);
        Assert.Equal("payment declined", error.StatusMessage);
        Assert.Equal("exception", Assert.Single(error.Events).Name);
        var charge = TracerFixture.Find(batch, "payments.charge");
        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal(string.Empty, charge.StatusMessage);
        Assert.Equal(SpanKind.Internal, charge.Kind);

        Assert.Equal(SpanKind.Producer, TracerFixture.Find(batch, "publish orders").Kind);
        Assert.Equal(SpanKind.Consumer, TracerFixture.Find(batch, "process orders").Kind);
        Assert.Equal(StatusCode.Unset, TracerFixture.Find(batch, "GET").StatusCode);

        // The OpenTracing shim's span.kind stays a string tag; the OTel kind was INTERNAL.
        var legacy = TracerFixture.Find(batch, "legacy.request");
        Assert.Equal(SpanKind.Internal, legacy.Kind);
        Assert.Equal("server", TracerFixture.StringAttribute(legacy, "span.kind"));
    }
}
