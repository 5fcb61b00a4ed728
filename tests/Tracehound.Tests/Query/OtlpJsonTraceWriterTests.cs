using System.Text.Json;
using Tracehound.Query.Otlp;
using Tracehound.Storage;
using static Tracehound.Tests.Query.JsonTestHelper;

namespace Tracehound.Tests.Query;

public sealed class OtlpJsonTraceWriterTests
{
    private static JsonElement WriteSample() => Write(w =>
    {
        w.WriteStartArray();
        OtlpJsonTraceWriter.WriteResourceSpans(w, new TraceData(TestTraces.FullId, TestTraces.Trace(TestTraces.FullId)));
        w.WriteEndArray();
    });

    private static JsonElement Value(JsonElement attributes, string key) =>
        attributes.EnumerateArray().Single(a => a.GetProperty("key").GetString() == key).GetProperty("value");

    [Fact]
    public void WriteResourceSpans_Trace_GroupsByResourceContentThenScope()
    {
        var resourceSpans = WriteSample();

        Assert.Equal(2, resourceSpans.GetArrayLength());
        var frontend = resourceSpans[0];
        Assert.Equal("frontend", Value(frontend.GetProperty("resource").GetProperty("attributes"), "service.name").GetProperty("stringValue").GetString());
        var scopes = frontend.GetProperty("scopeSpans");
        Assert.Equal(2, scopes.GetArrayLength());
        Assert.Equal("OpenTelemetry.Instrumentation.AspNetCore", scopes[0].GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("1.12.0", scopes[0].GetProperty("scope").GetProperty("version").GetString());
        Assert.Equal("System.Net.Http", scopes[1].GetProperty("scope").GetProperty("name").GetString());
        Assert.False(scopes[1].GetProperty("scope").TryGetProperty("version", out _));

        var backend = resourceSpans[1];
        var backendScope = Assert.Single(backend.GetProperty("scopeSpans").EnumerateArray());
        Assert.Equal("{}", backendScope.GetProperty("scope").GetRawText());
    }

    [Fact]
    public void WriteResourceSpans_RootSpan_UsesHexIdsIntegerEnumsAndStringInt64()
    {
        var span = WriteSample()[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.GetProperty("traceId").GetString());
        Assert.Equal("00f067aa0ba902b7", span.GetProperty("spanId").GetString());
        Assert.False(span.TryGetProperty("parentSpanId", out _));
        Assert.Equal("congo=t61rcWkgMzE", span.GetProperty("traceState").GetString());
        Assert.Equal(0x301, span.GetProperty("flags").GetInt32());
        Assert.Equal("GET /checkout", span.GetProperty("name").GetString());
        Assert.Equal(2, span.GetProperty("kind").GetInt32());
        Assert.Equal((TestTraces.BaseNanos + 1_500).ToString(System.Globalization.CultureInfo.InvariantCulture), span.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal(JsonValueKind.String, span.GetProperty("endTimeUnixNano").ValueKind);
        Assert.Equal(2, span.GetProperty("status").GetProperty("code").GetInt32());
        Assert.Equal("boom", span.GetProperty("status").GetProperty("message").GetString());
    }

    [Fact]
    public void WriteResourceSpans_AttributeValues_UseOtlpJsonMapping()
    {
        var attributes = WriteSample()[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0].GetProperty("attributes");

        Assert.Equal("GET", Value(attributes, "http.method").GetProperty("stringValue").GetString());
        Assert.Equal("500", Value(attributes, "http.status_code").GetProperty("intValue").GetString());
        Assert.Equal(0.25, Value(attributes, "sample.ratio").GetProperty("doubleValue").GetDouble());
        Assert.False(Value(attributes, "cache.hit").GetProperty("boolValue").GetBoolean());
        Assert.Equal("AQID+g==", Value(attributes, "payload").GetProperty("bytesValue").GetString());
        var list = Value(attributes, "tags.list").GetProperty("arrayValue").GetProperty("values");
        Assert.Equal("a", list[0].GetProperty("stringValue").GetString());
        Assert.Equal("7", list[1].GetProperty("intValue").GetString());
        var map = Value(attributes, "tags.map").GetProperty("kvlistValue").GetProperty("values");
        Assert.Equal("on", map[0].GetProperty("key").GetString());
        Assert.True(map[0].GetProperty("value").GetProperty("boolValue").GetBoolean());
        Assert.Equal("{}", Value(attributes, "nothing").GetRawText());
    }

    [Fact]
    public void WriteResourceSpans_EventsLinksAndParent_AreWritten()
    {
        var resourceSpans = WriteSample();
        var root = resourceSpans[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];
        var child = resourceSpans[0].GetProperty("scopeSpans")[1].GetProperty("spans")[0];

        var spanEvent = Assert.Single(root.GetProperty("events").EnumerateArray());
        Assert.Equal("exception", spanEvent.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, spanEvent.GetProperty("timeUnixNano").ValueKind);
        var link = Assert.Single(root.GetProperty("links").EnumerateArray());
        Assert.Equal("00000000000000010000000000000002", link.GetProperty("traceId").GetString());
        Assert.Equal("0000000000000003", link.GetProperty("spanId").GetString());
        Assert.Equal("a=b", link.GetProperty("traceState").GetString());
        Assert.Equal("batch", Value(link.GetProperty("attributes"), "link.kind").GetProperty("stringValue").GetString());

        Assert.Equal("00f067aa0ba902b7", child.GetProperty("parentSpanId").GetString());
        Assert.Equal(3, child.GetProperty("kind").GetInt32());
        Assert.Equal(1, child.GetProperty("status").GetProperty("code").GetInt32());
    }

    [Fact]
    public void WriteResourceSpans_UnsetStatus_WritesEmptyStatusObject()
    {
        var backendSpan = WriteSample()[1].GetProperty("scopeSpans")[0].GetProperty("spans")[0];

        Assert.Equal("{}", backendSpan.GetProperty("status").GetRawText());
    }
}
