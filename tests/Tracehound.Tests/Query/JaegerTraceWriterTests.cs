using System.Text.Json;
using Tracehound.Query.Jaeger;
using Tracehound.Storage;
using static Tracehound.Tests.Query.JsonTestHelper;

namespace Tracehound.Tests.Query;

public sealed class JaegerTraceWriterTests
{
    private static JsonElement WriteSample() =>
        Write(w => JaegerTraceWriter.Write(w, new TraceData(TestTraces.FullId, TestTraces.Trace(TestTraces.FullId))));

    private static JsonElement Span(JsonElement trace, string spanId) => SpanById(trace.GetProperty("spans"), "spanID", spanId);

    [Fact]
    public void Write_Trace_WritesTopLevelFields()
    {
        var trace = WriteSample();

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", trace.GetProperty("traceID").GetString());
        Assert.Equal(3, trace.GetProperty("spans").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, trace.GetProperty("processes").ValueKind);
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Write_RootSpan_WritesEveryJaegerSpanField()
    {
        var span = Span(WriteSample(), "00f067aa0ba902b7");

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.GetProperty("traceID").GetString());
        Assert.Equal("GET /checkout", span.GetProperty("operationName").GetString());
        Assert.Equal(1, span.GetProperty("flags").GetInt32()); // 0x301: only the W3C flags byte
        Assert.Equal((TestTraces.BaseNanos + 1_500) / 1000, span.GetProperty("startTime").GetInt64());
        Assert.Equal(250_000, span.GetProperty("duration").GetInt64());
        Assert.Equal("p1", span.GetProperty("processID").GetString());
        Assert.Equal(JsonValueKind.Null, span.GetProperty("warnings").ValueKind);
        Assert.False(span.TryGetProperty("parentSpanID", out _));
    }

    [Theory]
    [InlineData("http.method", "string", "\"GET\"")]
    [InlineData("http.status_code", "int64", "500")]
    [InlineData("sample.ratio", "float64", "0.25")]
    [InlineData("cache.hit", "bool", "false")]
    [InlineData("payload", "binary", "\"AQID+g==\"")]
    [InlineData("tags.list", "string", "\"[\\u0022a\\u0022,7]\"")]
    [InlineData("tags.map", "string", "\"{\\u0022on\\u0022:true}\"")]
    [InlineData("nothing", "string", "\"\"")]
    public void Write_AttributeOfEachType_WritesTypedTag(string key, string type, string valueJson)
    {
        var tag = Tag(Span(WriteSample(), "00f067aa0ba902b7").GetProperty("tags"), key);

        Assert.Equal(type, tag.GetProperty("type").GetString());
        var expected = JsonDocument.Parse(valueJson).RootElement;
        Assert.True(JsonElement.DeepEquals(expected, tag.GetProperty("value")), $"{key}: {tag.GetProperty("value").GetRawText()}");
    }

    [Fact]
    public void Write_ArrayAttribute_ValueIsItsJsonText()
    {
        var tags = Span(WriteSample(), "00f067aa0ba902b7").GetProperty("tags");

        Assert.Equal("[\"a\",7]", Tag(tags, "tags.list").GetProperty("value").GetString());
        Assert.Equal("{\"on\":true}", Tag(tags, "tags.map").GetProperty("value").GetString());
    }

    [Fact]
    public void Write_ErrorServerSpan_AddsStatusKindScopeAndTraceStateTags()
    {
        var tags = Span(WriteSample(), "00f067aa0ba902b7").GetProperty("tags");

        Assert.Equal("server", Tag(tags, "span.kind").GetProperty("value").GetString());
        Assert.Equal("ERROR", Tag(tags, "otel.status_code").GetProperty("value").GetString());
        Assert.True(Tag(tags, "error").GetProperty("value").GetBoolean());
        Assert.Equal("bool", Tag(tags, "error").GetProperty("type").GetString());
        Assert.Equal("boom", Tag(tags, "otel.status_description").GetProperty("value").GetString());
        Assert.Equal("OpenTelemetry.Instrumentation.AspNetCore", Tag(tags, "otel.scope.name").GetProperty("value").GetString());
        Assert.Equal("1.12.0", Tag(tags, "otel.scope.version").GetProperty("value").GetString());
        Assert.Equal("congo=t61rcWkgMzE", Tag(tags, "w3c.tracestate").GetProperty("value").GetString());
        Assert.Equal(8 + 7, tags.GetArrayLength());
    }

    [Fact]
    public void Write_OkClientSpan_HasOkStatusAndNoErrorTag()
    {
        var tags = Span(WriteSample(), "1111111111111111").GetProperty("tags");

        Assert.Equal("OK", Tag(tags, "otel.status_code").GetProperty("value").GetString());
        Assert.Equal("client", Tag(tags, "span.kind").GetProperty("value").GetString());
        Assert.Equal("System.Net.Http", Tag(tags, "otel.scope.name").GetProperty("value").GetString());
        Assert.False(HasTag(tags, "error"));
        Assert.False(HasTag(tags, "otel.scope.version"));
        Assert.False(HasTag(tags, "otel.status_description"));
        Assert.False(HasTag(tags, "w3c.tracestate"));
    }

    [Fact]
    public void Write_UnsetStatusSpan_HasNoStatusTags()
    {
        var tags = Span(WriteSample(), "2222222222222222").GetProperty("tags");

        Assert.False(HasTag(tags, "otel.status_code"));
        Assert.False(HasTag(tags, "error"));
        Assert.False(HasTag(tags, "otel.scope.name"));
    }

    [Fact]
    public void Write_ParentAndLinks_BecomeChildOfAndFollowsFromReferences()
    {
        var trace = WriteSample();
        var rootRefs = Span(trace, "00f067aa0ba902b7").GetProperty("references");
        var childRefs = Span(trace, "1111111111111111").GetProperty("references");

        var link = Assert.Single(rootRefs.EnumerateArray());
        Assert.Equal("FOLLOWS_FROM", link.GetProperty("refType").GetString());
        Assert.Equal("00000000000000010000000000000002", link.GetProperty("traceID").GetString());
        Assert.Equal("0000000000000003", link.GetProperty("spanID").GetString());

        var parent = Assert.Single(childRefs.EnumerateArray());
        Assert.Equal("CHILD_OF", parent.GetProperty("refType").GetString());
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", parent.GetProperty("traceID").GetString());
        Assert.Equal("00f067aa0ba902b7", parent.GetProperty("spanID").GetString());
    }

    [Fact]
    public void Write_Event_BecomesLogWithEventField()
    {
        var log = Assert.Single(Span(WriteSample(), "00f067aa0ba902b7").GetProperty("logs").EnumerateArray());

        Assert.Equal((TestTraces.BaseNanos + 2_000_000) / 1000, log.GetProperty("timestamp").GetInt64());
        var fields = log.GetProperty("fields");
        Assert.Equal(2, fields.GetArrayLength());
        Assert.Equal("exception", Tag(fields, "event").GetProperty("value").GetString());
        Assert.Equal("System.InvalidOperationException", Tag(fields, "exception.type").GetProperty("value").GetString());
    }

    [Fact]
    public void Write_EqualResourcesInDistinctInstances_ShareOneProcess()
    {
        var trace = WriteSample();
        var processes = trace.GetProperty("processes");

        Assert.Equal(["p1", "p2"], processes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("p1", Span(trace, "1111111111111111").GetProperty("processID").GetString());
        Assert.Equal("p2", Span(trace, "2222222222222222").GetProperty("processID").GetString());

        var frontend = processes.GetProperty("p1");
        Assert.Equal("frontend", frontend.GetProperty("serviceName").GetString());
        Assert.Equal(2, frontend.GetProperty("tags").GetArrayLength());
        Assert.False(HasTag(frontend.GetProperty("tags"), "service.name"));
        Assert.Equal(4242, Tag(frontend.GetProperty("tags"), "process.pid").GetProperty("value").GetInt64());
        Assert.Equal("backend", processes.GetProperty("p2").GetProperty("serviceName").GetString());
        Assert.True(Tag(processes.GetProperty("p2").GetProperty("tags"), "k8s.ready").GetProperty("value").GetBoolean());
    }

    [Fact]
    public void Write_ResourcesDifferingInOneValue_AreTwoProcesses()
    {
        var a = TestTraces.Single(TestTraces.ShortId, "svc", "a", 0, 1000);
        var b = TestTraces.Single(TestTraces.ShortId, "svc", "b", 0, 1000);
        b.Resource = new Model.Resource([Model.KeyValue.String("service.name", "svc"), Model.KeyValue.String("host.name", "other")]);

        var trace = Write(w => JaegerTraceWriter.Write(w, new TraceData(TestTraces.ShortId, [a, b])));

        Assert.Equal(2, trace.GetProperty("processes").EnumerateObject().Count());
        Assert.Equal("00000000000000000000000000abcdef", trace.GetProperty("traceID").GetString());
    }
}
