using Tracehound.Ingest.Jaeger;
using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Ingest.Jaeger.Udp;
using Tracehound.Model;
using Tracehound.Tests.Zipkin;

namespace Tracehound.Tests.Jaeger;

/// <summary>The real jaeger-client payloads (HTTP, Thrift binary), checked against the harness workload, also replayed as agent datagrams.</summary>
public sealed class JaegerFixtureDecodeTests
{
    public static TheoryData<string, bool, string> Cases => new()
    {
        { "jaeger-client-thrift-http", false, "http" },
        { "jaeger-client-thrift-http-128bit", true, "http" },
        { "jaeger-client-thrift-http", false, "udp-binary" },
        { "jaeger-client-thrift-http-128bit", true, "udp-binary" },
        { "jaeger-client-thrift-http", false, "udp-compact" },
        { "jaeger-client-thrift-http-128bit", true, "udp-compact" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void JaegerClient_Fixture_MapsEveryWorkloadSpan(string label, bool id128, string transport)
    {
        var fixture = TracerFixture.Load(label);
        var batch = Decode(fixture.Payload, transport);

        Assert.Equal(8, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
        var resource = batch.Spans[0].Resource;
        Assert.All(batch.Spans, s => Assert.Same(resource, s.Resource));
        Assert.Equal("harness-jaeger-node", resource.ServiceName);
        Assert.Contains(KeyValue.String("service.version", "1.2.3"), resource.Attributes);
        Assert.Contains(KeyValue.String("deployment.environment", "acceptance"), resource.Attributes);
        Assert.Contains(KeyValue.String("hostname", "harness-host"), resource.Attributes);
        Assert.Contains(KeyValue.String("ip", "127.0.0.1"), resource.Attributes);
        Assert.Contains(KeyValue.String("jaeger.version", "Node-3.19.0"), resource.Attributes);
        Assert.Contains(resource.Attributes, a => a.Key == "client-uuid");
        Assert.All(batch.Spans, s => Assert.False(s.TryGetAttribute("span.kind", out _)));
        Assert.All(batch.Spans, s => Assert.False(s.TryGetAttribute("error", out _)));
        Assert.All(batch.Spans, s => Assert.Equal(1u, s.Flags)); // sampled

        var web = TracerFixture.Find(batch, "GET /users/:id");
        Assert.Equal(fixture.TraceId("web"), web.TraceId);
        Assert.Equal(id128, web.TraceId.High != 0);
        Assert.Equal(fixture.SpanId("web", "server"), web.SpanId);
        Assert.True(web.ParentSpanId.IsEmpty);
        Assert.Equal(SpanKind.Server, web.Kind);
        Assert.Equal(fixture.At(0), web.StartTimeUnixNano);
        Assert.Equal(120_000_000, web.DurationNanos);
        // jaeger-client sends numbers as DOUBLE.
        Assert.Equal(200.0, TracerFixture.Attribute(web, "http.status_code").AsDouble());
        Assert.Equal(3.0, TracerFixture.Attribute(web, "app.items").AsDouble());
        Assert.Equal(0.5, TracerFixture.Attribute(web, "app.ratio").AsDouble());
        Assert.False(TracerFixture.Attribute(web, "app.cache_hit").AsBool());
        Assert.Equal("const", TracerFixture.StringAttribute(web, "sampler.type"));
        Assert.True(TracerFixture.Attribute(web, "sampler.param").AsBool());
        var cacheMiss = Assert.Single(web.Events);
        Assert.Equal("cache.miss", cacheMiss.Name);
        Assert.Equal(fixture.At(5), cacheMiss.TimeUnixNano);
        Assert.Equal([KeyValue.String("cache.key", "user:42")], cacheMiss.Attributes);

        var db = TracerFixture.Find(batch, "SELECT users");
        Assert.Equal(SpanKind.Client, db.Kind);
        Assert.Equal(web.SpanId, db.ParentSpanId);
        Assert.Equal(fixture.SpanId("web", "db"), db.SpanId);
        Assert.Equal("postgresql", TracerFixture.StringAttribute(db, "peer.service"));
        Assert.Equal(5432.0, TracerFixture.Attribute(db, "peer.port").AsDouble());
        Assert.Equal(fixture.At(10), db.StartTimeUnixNano);
        Assert.Equal(SpanKind.Client, TracerFixture.Find(batch, "GET /accounts/:id").Kind);

        var error = TracerFixture.Find(batch, "POST /orders");
        Assert.Equal(fixture.TraceId("error"), error.TraceId);
        Assert.Equal(StatusCode.Error, error.StatusCode);
        Assert.Equal(500.0, TracerFixture.Attribute(error, "http.status_code").AsDouble());
        var errorLog = Assert.Single(error.Events);
        Assert.Equal("error", errorLog.Name);
        Assert.Equal(fixture.At(270), errorLog.TimeUnixNano);
        Assert.Contains(KeyValue.String("error.kind", "PaymentDeclinedError"), errorLog.Attributes);
        Assert.Contains(KeyValue.String("message", "card declined for order 1001"), errorLog.Attributes);
        Assert.Contains(errorLog.Attributes, a => a.Key == "stack");

        var charge = TracerFixture.Find(batch, "payments.charge");
        Assert.Equal(StatusCode.Error, charge.StatusCode);
        Assert.Equal(SpanKind.Internal, charge.Kind);
        Assert.Equal(error.SpanId, charge.ParentSpanId);
        Assert.Equal("EUR", TracerFixture.StringAttribute(charge, "payment.currency"));

        // FOLLOWS_FROM: jaeger-client also sets it as the parent, so it is the parent and not a link.
        var producer = TracerFixture.Find(batch, "send orders");
        var consumer = TracerFixture.Find(batch, "receive orders");
        var handle = TracerFixture.Find(batch, "handle order");
        Assert.Equal(SpanKind.Producer, producer.Kind);
        Assert.Equal(SpanKind.Consumer, consumer.Kind);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Equal(producer.TraceId, consumer.TraceId);
        Assert.Empty(consumer.Links);
        Assert.Equal(consumer.SpanId, handle.ParentSpanId);
        Assert.Equal(1001.0, TracerFixture.Attribute(handle, "app.order_id").AsDouble());
        Assert.Equal(fixture.At(460), handle.StartTimeUnixNano);
    }

    [Fact]
    public void JaegerClient_Fixture_64BitIdsHaveNoHighHalf()
    {
        var fixture = TracerFixture.Load("jaeger-client-thrift-http");
        var batch = Decode(fixture.Payload, "http");
        Assert.All(batch.Spans, s => Assert.Equal(0ul, s.TraceId.High));
    }

    internal static SpanBatch Decode(byte[] batch, string transport) => transport switch
    {
        "http" => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(batch, 0, batch.Length)),
        "udp-binary" => Datagram(JaegerAgentProtocol.Binary, JaegerDatagrams.Binary(batch)),
        _ => Datagram(JaegerAgentProtocol.Compact, JaegerDatagrams.Compact(batch)),
    };

    private static SpanBatch Datagram(JaegerAgentProtocol protocol, byte[] datagram) => JaegerUdpListener.Decode(protocol, datagram, 0, datagram.Length);
}
