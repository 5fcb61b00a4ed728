using System.Text.Json;
using Tracehound.Query.V1;
using Tracehound.Storage;
using static Tracehound.Tests.Query.JsonTestHelper;

namespace Tracehound.Tests.Query;

public sealed class TracehoundTraceWriterTests
{
    private static JsonElement WriteSample() =>
        Write(w => TracehoundTraceWriter.Write(w, new TraceData(TestTraces.FullId, TestTraces.Trace(TestTraces.FullId))));

    [Fact]
    public void Write_RootSpan_WritesEveryField()
    {
        var trace = WriteSample();
        var span = SpanById(trace.GetProperty("spans"), "spanId", "00f067aa0ba902b7");

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", trace.GetProperty("traceId").GetString());
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.GetProperty("traceId").GetString());
        Assert.Equal(JsonValueKind.Null, span.GetProperty("parentSpanId").ValueKind);
        Assert.Equal("GET /checkout", span.GetProperty("name").GetString());
        Assert.Equal("server", span.GetProperty("kind").GetString());
        Assert.Equal(TestTraces.BaseNanos + 1_500, span.GetProperty("start").GetInt64());
        Assert.Equal(250_000_000, span.GetProperty("duration").GetInt64());
        Assert.Equal("error", span.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("boom", span.GetProperty("status").GetProperty("message").GetString());
        Assert.Equal("OpenTelemetry.Instrumentation.AspNetCore", span.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("1.12.0", span.GetProperty("scope").GetProperty("version").GetString());
    }

    [Fact]
    public void Write_Attributes_AreTypedJsonValues()
    {
        var span = SpanById(WriteSample().GetProperty("spans"), "spanId", "00f067aa0ba902b7");
        var attributes = span.GetProperty("attributes");

        Assert.Equal("GET", attributes.GetProperty("http.method").GetString());
        Assert.Equal(500, attributes.GetProperty("http.status_code").GetInt64());
        Assert.Equal(0.25, attributes.GetProperty("sample.ratio").GetDouble());
        Assert.Equal(JsonValueKind.False, attributes.GetProperty("cache.hit").ValueKind);
        Assert.Equal("AQID+g==", attributes.GetProperty("payload").GetString());
        Assert.Equal("[\"a\",7]", attributes.GetProperty("tags.list").GetRawText());
        Assert.Equal("{\"on\":true}", attributes.GetProperty("tags.map").GetRawText());
        Assert.Equal(JsonValueKind.Null, attributes.GetProperty("nothing").ValueKind);
        Assert.Equal("frontend", span.GetProperty("resource").GetProperty("service.name").GetString());
        Assert.Equal(4242, span.GetProperty("resource").GetProperty("process.pid").GetInt64());
    }

    [Fact]
    public void Write_EventsAndLinks_AreWritten()
    {
        var span = SpanById(WriteSample().GetProperty("spans"), "spanId", "00f067aa0ba902b7");

        var spanEvent = Assert.Single(span.GetProperty("events").EnumerateArray());
        Assert.Equal(TestTraces.BaseNanos + 2_000_000, spanEvent.GetProperty("time").GetInt64());
        Assert.Equal("exception", spanEvent.GetProperty("name").GetString());
        Assert.Equal("System.InvalidOperationException", spanEvent.GetProperty("attributes").GetProperty("exception.type").GetString());
        var link = Assert.Single(span.GetProperty("links").EnumerateArray());
        Assert.Equal("00000000000000010000000000000002", link.GetProperty("traceId").GetString());
        Assert.Equal("0000000000000003", link.GetProperty("spanId").GetString());
        Assert.Equal("a=b", link.GetProperty("traceState").GetString());
        Assert.Equal("batch", link.GetProperty("attributes").GetProperty("link.kind").GetString());
    }

    [Fact]
    public void Write_ChildAndUnsetSpans_WriteParentKindAndStatus()
    {
        var spans = WriteSample().GetProperty("spans");
        var child = SpanById(spans, "spanId", "1111111111111111");
        var backend = SpanById(spans, "spanId", "2222222222222222");

        Assert.Equal("00f067aa0ba902b7", child.GetProperty("parentSpanId").GetString());
        Assert.Equal("client", child.GetProperty("kind").GetString());
        Assert.Equal("ok", child.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("unset", backend.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(string.Empty, backend.GetProperty("scope").GetProperty("name").GetString());
    }

    [Fact]
    public void Write_UnspecifiedKindAndRepeatedKey_WritesUnspecifiedAndFirstValue()
    {
        var span = TestTraces.Single(TestTraces.ShortId, "svc", "op", 0, 10, Model.SpanKind.Unspecified);
        span.Attributes = [Model.KeyValue.String("k", "first"), Model.KeyValue.String("k", "second")];

        var written = Write(w => TracehoundTraceWriter.Write(w, new TraceData(TestTraces.ShortId, [span]))).GetProperty("spans")[0];

        Assert.Equal("unspecified", written.GetProperty("kind").GetString());
        Assert.Equal("{\"k\":\"first\"}", written.GetProperty("attributes").GetRawText());
    }
}
