using System.Text;
using Google.Protobuf;
using Tracehound.Ingest.Zipkin;
using Tracehound.Model;

namespace Tracehound.Tests.Zipkin;

public sealed class ZipkinDecoderTests
{
    private const long Arrival = 1_700_000_000_000_000;

    [Fact]
    public void JsonV1_ClientAndServerAnnotations_SplitIntoClientAndSharedServerSpan()
    {
        var json = """
        [{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","parentId":"0000000000000001","name":"get",
          "annotations":[
            {"timestamp":1000,"value":"cs","endpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"}},
            {"timestamp":1100,"value":"sr","endpoint":{"serviceName":"backend","ipv4":"10.0.0.2","port":8080}},
            {"timestamp":1500,"value":"ss","endpoint":{"serviceName":"backend"}},
            {"timestamp":1600,"value":"cr","endpoint":{"serviceName":"frontend"}},
            {"timestamp":1200,"value":"cache.miss","endpoint":{"serviceName":"backend"}}],
          "binaryAnnotations":[
            {"key":"http.path","value":"/api","endpoint":{"serviceName":"frontend"}},
            {"key":"retry","value":true},
            {"key":"sa","value":true,"endpoint":{"serviceName":"backend","ipv4":"10.0.0.2","port":8080}}]}]
        """u8;
        var batch = ZipkinJsonV1Decoder.Decode(json, new ZipkinSpanMapper(Arrival));

        Assert.Equal(2, batch.Count);
        var client = Assert.Single(batch.Spans, s => s.Kind == SpanKind.Client);
        Assert.Equal("frontend", client.ServiceName);
        Assert.Equal(1_000_000, client.StartTimeUnixNano);
        Assert.Equal(600_000, client.DurationNanos);
        Assert.Equal(new SpanId(0x72485a3953bb6124), client.SpanId);
        Assert.Equal(new SpanId(1), client.ParentSpanId);
        Assert.Equal("/api", TracerFixture.StringAttribute(client, "http.path"));
        Assert.Equal("true", TracerFixture.StringAttribute(client, "retry"));
        Assert.Equal("backend", TracerFixture.StringAttribute(client, "peer.service"));
        Assert.Equal("10.0.0.2", TracerFixture.StringAttribute(client, "network.peer.address"));
        Assert.Equal("cache.miss", Assert.Single(client.Events).Name);

        // The shared server half gets its own id under the client span, so the tree stays a tree.
        var server = Assert.Single(batch.Spans, s => s.Kind == SpanKind.Server);
        Assert.Equal("backend", server.ServiceName);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.NotEqual(client.SpanId, server.SpanId);
        Assert.Equal(1_100_000, server.StartTimeUnixNano);
        Assert.Equal(400_000, server.DurationNanos);
    }

    [Fact]
    public void JsonV2_SharedServerSpan_GetsADerivedIdUnderTheClient()
    {
        var json = """[{"traceId":"a","id":"b","kind":"SERVER","shared":true,"timestamp":5,"duration":1,"localEndpoint":{"serviceName":"s"}}]"""u8;
        var span = Assert.Single(ZipkinJsonV2Decoder.Decode(json, new ZipkinSpanMapper(Arrival)).Spans);
        Assert.Equal(new SpanId(0xb), span.ParentSpanId);
        Assert.Equal(new SpanId(ZipkinSpanMapper.DerivedId(0xb)), span.SpanId);
    }

    [Fact]
    public void JsonV2_MissingTimestamp_ComesFromAnnotationsElseArrival()
    {
        var json = """
        [{"traceId":"1","id":"2","name":"a","annotations":[{"timestamp":3000,"value":"x"},{"timestamp":9000,"value":"y"}]},
         {"traceId":"1","id":"3","name":"b"}]
        """u8;
        var batch = ZipkinJsonV2Decoder.Decode(json, new ZipkinSpanMapper(Arrival));
        var a = TracerFixture.Find(batch, "a");
        Assert.Equal(3_000_000, a.StartTimeUnixNano);
        Assert.Equal(6_000_000, a.DurationNanos);
        var b = TracerFixture.Find(batch, "b");
        Assert.Equal(Arrival * 1000, b.StartTimeUnixNano);
        Assert.Equal(0, b.DurationNanos);
        Assert.Equal(Resource.UnknownServiceName, b.ServiceName);
    }

    [Fact]
    public void JsonV2_ZeroIds_AreRejectedNotStored()
    {
        var json = """[{"traceId":"0","id":"1"},{"traceId":"1","id":"0"},{"traceId":"1","id":"1"}]"""u8;
        var batch = ZipkinJsonV2Decoder.Decode(json, new ZipkinSpanMapper(Arrival));
        Assert.Equal(1, batch.Count);
        Assert.Equal(2, batch.RejectedSpans);
    }

    [Fact]
    public void Protobuf_ListOfSpans_DecodesLikeJson()
    {
        var payload = ProtoListOfSpans();
        var batch = ZipkinProtobufDecoder.Decode(payload, new ZipkinSpanMapper(Arrival));

        var span = Assert.Single(batch.Spans);
        Assert.Equal(new TraceId(0x0102030405060708, 0x1112131415161718), span.TraceId);
        Assert.Equal(new SpanId(0x2122232425262728), span.SpanId);
        Assert.Equal(new SpanId(0x3132333435363738), span.ParentSpanId);
        Assert.Equal(SpanKind.Client, span.Kind);
        Assert.Equal("get /x", span.Name);
        Assert.Equal(1_000_000_000, span.StartTimeUnixNano);
        Assert.Equal(250_000, span.DurationNanos);
        Assert.Equal("svc", span.ServiceName);
        Assert.Equal("db", TracerFixture.StringAttribute(span, "peer.service"));
        Assert.Equal("192.0.2.1", TracerFixture.StringAttribute(span, "network.peer.address"));
        Assert.Equal(5432, TracerFixture.Attribute(span, "network.peer.port").AsInt());
        Assert.Equal("192.0.2.1", TracerFixture.StringAttribute(span, "server.address"));
        Assert.Equal(5432, TracerFixture.Attribute(span, "server.port").AsInt());
        Assert.Equal("v", TracerFixture.StringAttribute(span, "k"));
        Assert.Equal(StatusCode.Error, span.StatusCode);
        Assert.Equal("boom", span.StatusMessage);
        var annotation = Assert.Single(span.Events);
        Assert.Equal("ann", annotation.Name);
        Assert.Equal(1_000_100_000, annotation.TimeUnixNano);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("{}", true)]
    [InlineData("[", true)]
    [InlineData("[1]", true)]
    [InlineData("[{\"traceId\":\"xyz\",\"id\":\"1\"}]", true)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"12345678901234567\"}]", true)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":\"soon\"}]", true)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"1\",\"tags\":[]}]", false)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"1\",\"annotations\":{}}]", true)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"1\",\"localEndpoint\":3}]", false)]
    [InlineData("[{\"traceId\":\"1\",\"id\":\"1\",\"tags\":{\"a\":{\"b\":1}}}]", false)]
    [InlineData("[] []", true)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", true)]
    public void Json_Malformed_ThrowsZipkinDecodeException(string json, bool malformedForV1Too)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Throws<ZipkinDecodeException>(() => ZipkinJsonV2Decoder.Decode(bytes, new ZipkinSpanMapper(Arrival)));
        if (malformedForV1Too)
        {
            // (v1 has no tags or localEndpoint: there they are unknown fields, skipped.)
            Assert.Throws<ZipkinDecodeException>(() => ZipkinJsonV1Decoder.Decode(bytes, new ZipkinSpanMapper(Arrival)));
        }
    }

    [Fact]
    public void Fixture_EveryTruncation_FailsCleanly()
    {
        var payload = TracerFixture.Load("zipkin-js-v2").Payload;
        for (var length = 0; length < payload.Length; length += 7)
        {
            var cut = payload.AsSpan(0, length).ToArray();
            Assert.Throws<ZipkinDecodeException>(() => ZipkinJsonV2Decoder.Decode(cut, new ZipkinSpanMapper(Arrival)));
        }
    }

    [Fact]
    public void Protobuf_RandomAndTruncatedInput_NeverThrowsAnythingElse()
    {
        var payload = ProtoListOfSpans();
        for (var length = 1; length < payload.Length; length++)
        {
            TryDecode(payload.AsSpan(0, length).ToArray());
        }

        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            TryDecode(bytes);
        }

        static void TryDecode(byte[] bytes)
        {
            try
            {
                ZipkinProtobufDecoder.Decode(bytes, new ZipkinSpanMapper(Arrival));
            }
            catch (ZipkinDecodeException)
            {
            }
        }
    }

    /// <summary>One zipkin.proto span with every field set, written by hand with Google.Protobuf's coded stream.</summary>
    private static byte[] ProtoListOfSpans()
    {
        byte[] Message(Action<CodedOutputStream> write)
        {
            using var memory = new MemoryStream();
            var output = new CodedOutputStream(memory);
            write(output);
            output.Flush();
            return memory.ToArray();
        }

        var local = Message(o => { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("svc"); });
        var remote = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("db");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(192, 0, 2, 1));
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteInt32(5432);
        });
        var annotation = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Fixed64); o.WriteFixed64(1_000_100);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString("ann");
        });
        byte[] Tag(string key, string value) => Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(key);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(value);
        });
        var span = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Convert.FromHexString("01020304050607081112131415161718")));
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Convert.FromHexString("3132333435363738")));
            o.WriteTag(3, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Convert.FromHexString("2122232425262728")));
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteEnum(1);
            o.WriteTag(5, WireFormat.WireType.LengthDelimited); o.WriteString("get /x");
            o.WriteTag(6, WireFormat.WireType.Fixed64); o.WriteFixed64(1_000_000);
            o.WriteTag(7, WireFormat.WireType.Varint); o.WriteUInt64(250);
            o.WriteTag(8, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(local));
            o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(remote));
            o.WriteTag(10, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(annotation));
            o.WriteTag(11, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Tag("k", "v")));
            o.WriteTag(11, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Tag("error", "boom")));
            o.WriteTag(99, WireFormat.WireType.Varint); o.WriteInt32(7); // unknown field: skipped
        });
        return Message(o => { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(span)); });
    }
}
