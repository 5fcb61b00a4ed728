using System.Text;
using MessagePack;
using Tracehound.Ingest.Datadog;
using Tracehound.Ingest.Datadog.Http;
using Tracehound.Ingest.Datadog.Stats;
using Tracehound.Model;
using Xunit;

namespace Tracehound.Tests.Datadog;

/// <summary>Malformed bodies on every trace format throw <see cref="DatadogDecodeException"/> with a reason (→ 400), never crash or hang.</summary>
public sealed class DatadogDecoderBadInputTests
{
    public static TheoryData<string> Endpoints => ["v0.3", "v0.4", "v0.5", "v0.7"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Decode_TruncatedBody_ThrowsUnexpectedEof(string endpoint)
    {
        var body = ValidBody(endpoint);
        for (var cut = 1; cut < body.Length; cut += Math.Max(1, body.Length / 40))
        {
            var ex = Assert.Throws<DatadogDecodeException>(() => Decode(endpoint, body[..cut]));
            Assert.False(string.IsNullOrEmpty(ex.Message));
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Decode_ValidBody_DecodesOneSpan(string endpoint)
    {
        var batch = Decode(endpoint, ValidBody(endpoint));
        var span = Assert.Single(batch.Spans);
        Assert.Equal(new TraceId(0, 42), span.TraceId);
        Assert.Equal(SpanKind.Client, span.Kind);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Decode_MapClaiming2Pow31Entries_IsRefused(string endpoint)
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            if (endpoint == "v0.7")
            {
                w.WriteMapHeader(int.MaxValue);
                return;
            }

            if (endpoint == "v0.5")
            {
                w.WriteArrayHeader(2);
                w.WriteArrayHeader(0);
            }

            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            if (endpoint == "v0.5")
            {
                w.WriteArrayHeader(int.MaxValue);
            }
            else
            {
                w.WriteMapHeader(int.MaxValue);
            }
        });
        var ex = Assert.Throws<DatadogDecodeException>(() => Decode(endpoint, body));
        Assert.Contains("over the limit of 500000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void DecodeV05_SpanArrayOfWrongLength_IsRefused(int elements)
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(1);
            w.Write(string.Empty);
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(elements);
            for (var i = 0; i < elements; i++)
            {
                w.Write(0);
            }
        });
        var ex = Assert.Throws<DatadogDecodeException>(() => Decode("v0.5", body));
        Assert.Contains($"12 elements, found {elements}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeV05_PayloadNotTwoElements_IsRefused()
    {
        var body = MsgPack.Build((ref MessagePackWriter w) => w.WriteArrayHeader(3));
        Assert.Throws<DatadogDecodeException>(() => Decode("v0.5", body));
    }

    [Fact]
    public void DecodeV05_DictionaryIndexOutOfRange_IsRefused()
    {
        var body = V05Body(serviceIndex: 7);
        var ex = Assert.Throws<DatadogDecodeException>(() => Decode("v0.5", body));
        Assert.Contains("dictionary index 7 is out of range", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[[{\"trace_id\": 1, \"span_id\": ")]
    [InlineData("{\"trace_id\": 1}")]
    [InlineData("[[{\"trace_id\": {}}]]")]
    [InlineData("[[1]]")]
    [InlineData("[[]] trailing")]
    public void DecodeJson_Garbage_IsRefused(string json)
    {
        Assert.Throws<DatadogDecodeException>(() =>
            DatadogTraceEndpoint.Decode("v0.4", "application/json", MsgPack.Sequence(Encoding.UTF8.GetBytes(json)), new DatadogPayloadInfo()));
    }

    [Fact]
    public void DecodeJson_ValidBody_MapsTheSpan()
    {
        const string json = """[[{"trace_id":18446744073709551615,"span_id":2,"parent_id":0,"service":"s","name":"n","resource":"GET /x","type":"web","start":10,"duration":5,"error":1,"meta":{"error.msg":"boom","_dd.p.tid":"00000000000000ab"},"metrics":{"m":1.5},"unknown":[1,{"a":2}]}]]""";
        var batch = DatadogTraceEndpoint.Decode("v0.4", null, MsgPack.Sequence(Encoding.UTF8.GetBytes(json)), new DatadogPayloadInfo());
        var span = Assert.Single(batch.Spans);
        Assert.Equal(new TraceId(0xab, ulong.MaxValue), span.TraceId);
        Assert.Equal("GET /x", span.Name);
        Assert.Equal((StatusCode.Error, "boom"), (span.StatusCode, span.StatusMessage));
        Assert.True(span.TryGetAttribute("m", out var m) && m.AsDouble() == 1.5);
    }

    [Fact]
    public void DecodeV04_DeeplyNestedUnknownValue_IsSkippedWithoutRecursion()
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            w.WriteMapHeader(3);
            w.Write("trace_id"); w.Write(1UL);
            w.Write("span_id"); w.Write(1UL);
            w.Write("deep");
            for (var i = 0; i < 200_000; i++)
            {
                w.WriteArrayHeader(1);
            }

            w.WriteNil();
        });
        Assert.Single(Decode("v0.4", body).Spans);
    }

    [Fact]
    public void DecodeV04_LenientEncodings_AreAccepted()
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            w.WriteMapHeader(6);
            w.Write("trace_id"); w.Write(-1L); // uint64 sent as int64
            w.Write("span_id"); w.Write(7);
            w.Write("name"); w.Write(new byte[] { 0x6f, 0xff, 0x70 }); // bin with invalid UTF-8
            w.Write("error"); w.WriteNil();
            w.Write("metrics"); w.WriteMapHeader(2); w.Write("i"); w.Write(3); w.Write("f"); w.Write(2.5f);
            w.Write("meta"); w.WriteNil();
        });
        var span = Assert.Single(Decode("v0.4", body).Spans);
        Assert.Equal(ulong.MaxValue, span.TraceId.Low);
        Assert.Equal("o\uFFFDp", span.Datadog!.Name);
        Assert.Equal(StatusCode.Unset, span.StatusCode);
        Assert.Equal(2, span.Attributes.Length);
    }

    [Fact]
    public void DecodeV07_TracerPayload_KeepsPayloadAndChunkFields()
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(6);
            w.Write("chunks");
            w.WriteArrayHeader(1);
            w.WriteMapHeader(4);
            w.Write("spans"); w.WriteArrayHeader(1); MsgPack.Span(ref w, 42, 1);
            w.Write("priority"); w.Write(2);
            w.Write("origin"); w.Write("synthetics");
            w.Write("tags"); w.WriteMapHeader(1); w.Write("_dd.p.dm"); w.Write("-4");
            w.Write("env"); w.Write("prod");
            w.Write("hostname"); w.Write("host-1");
            w.Write("app_version"); w.Write("9.9");
            w.Write("language_name"); w.Write("go");
            w.Write("tracer_version"); w.Write("1.70.0");
        });
        var span = Assert.Single(Decode("v0.7", body).Spans);
        var dd = span.Datadog!;
        Assert.Equal((2, "synthetics", "_dd.p.dm"), (dd.Chunk.Priority, dd.Chunk.Origin, dd.Chunk.Tags[0].Key));
        Assert.Equal(("prod", "host-1", "9.9", "go", "1.70.0"), (dd.Payload.Env, dd.Payload.Hostname, dd.Payload.AppVersion, dd.Payload.LanguageName, dd.Payload.TracerVersion));
        var resource = span.Resource.Attributes.ToDictionary(a => a.Key, a => a.Value.AsString());
        Assert.Equal("prod", resource["deployment.environment.name"]);
        Assert.Equal("host-1", resource["host.name"]);
        Assert.Equal("9.9", resource["service.version"]);
    }

    [Fact]
    public void DecodeStats_ClientStatsPayload_KeepsRows()
    {
        var body = MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(4);
            w.Write("Hostname"); w.Write("h");
            w.Write("Env"); w.Write("prod");
            w.Write("Sequence"); w.Write(3UL);
            w.Write("Stats");
            w.WriteArrayHeader(1);
            w.WriteMapHeader(3);
            w.Write("Start"); w.Write(100UL);
            w.Write("Duration"); w.Write(10_000_000_000UL);
            w.Write("Stats");
            w.WriteArrayHeader(1);
            w.WriteMapHeader(5);
            w.Write("Service"); w.Write("svc");
            w.Write("Hits"); w.Write(5UL);
            w.Write("Errors"); w.Write(1UL);
            w.Write("OkSummary"); w.Write(new byte[] { 1, 2, 3 });
            w.Write("PeerTags"); w.WriteArrayHeader(1); w.Write("peer.service:db");
        });
        var payload = DatadogStatsDecoder.Decode(MsgPack.Sequence(body));
        Assert.Equal(("h", "prod", 3UL), (payload.Hostname, payload.Env, payload.Sequence));
        var row = Assert.Single(Assert.Single(payload.Stats).Stats);
        Assert.Equal(("svc", 5UL, 1UL, 3, "peer.service:db"), (row.Service, row.Hits, row.Errors, row.OkSummary.Length, row.PeerTags[0]));
        Assert.Throws<DatadogDecodeException>(() => DatadogStatsDecoder.Decode(MsgPack.Sequence(body[..^3])));
    }

    private static SpanBatch Decode(string endpoint, byte[] body) =>
        DatadogTraceEndpoint.Decode(endpoint, "application/msgpack", MsgPack.Sequence(body), new DatadogPayloadInfo { Endpoint = endpoint });

    private static byte[] ValidBody(string endpoint) => endpoint switch
    {
        "v0.5" => V05Body(serviceIndex: 1),
        "v0.7" => MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("chunks");
            w.WriteArrayHeader(1);
            w.WriteMapHeader(1);
            w.Write("spans");
            w.WriteArrayHeader(1);
            MsgPack.Span(ref w, 42, 1);
        }),
        _ => MsgPack.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            MsgPack.Span(ref w, 42, 1);
        }),
    };

    private static byte[] V05Body(uint serviceIndex) => MsgPack.Build((ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(4);
        w.Write(string.Empty);
        w.Write("svc");
        w.Write("span.kind");
        w.Write("client");
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(12);
        w.Write(serviceIndex);
        w.Write(0u);
        w.Write(0u);
        w.Write(42UL);
        w.Write(1UL);
        w.Write(0UL);
        w.Write(1_700_000_000_000_000_000L);
        w.Write(1000L);
        w.Write(0);
        w.WriteMapHeader(1);
        w.Write(2u);
        w.Write(3u);
        w.WriteMapHeader(0);
        w.Write(0u);
    });
}
