using System.Text.Json;
using Tracehound.Model;
using Tracehound.Query.V1;
using Tracehound.Storage;
using static Tracehound.Tests.Query.JsonTestHelper;

namespace Tracehound.Tests.Query;

/// <summary>The per-span <c>"datadog"</c> object of <c>/api/v1/traces/{id}</c>.</summary>
public sealed class TracehoundTraceWriterDatadogTests
{
    private static readonly TraceId Id = new(0x0af7651916cd43dd, 0x8448eb211c80319c);

    private static JsonElement WriteSpan(Span span) =>
        Write(w => TracehoundTraceWriter.Write(w, new TraceData(Id, [span]))).GetProperty("spans")[0].GetProperty("datadog");

    private static Span NewSpan(DatadogSpanInfo? info, params KeyValue[] attributes) => new()
    {
        TraceId = Id,
        SpanId = new SpanId(0x00f067aa0ba902b7),
        ParentSpanId = new SpanId(5),
        Name = "GET /x",
        Attributes = attributes,
        Datadog = info,
    };

    [Fact]
    public void Write_MappedSpan_EveryField()
    {
        var info = new DatadogSpanInfo
        {
            Service = "svc", Name = "http.server.request", Resource = "GET /x", Type = "web", Error = 1, TopLevel = true, Measured = true,
            Meta = [KeyValue.String("span.kind", "server")], Metrics = [KeyValue.Double("http.status_code", 500)],
        };

        var datadog = WriteSpan(NewSpan(info));

        Assert.Equal("svc", datadog.GetProperty("service").GetString());
        Assert.Equal("http.server.request", datadog.GetProperty("name").GetString());
        Assert.Equal("GET /x", datadog.GetProperty("resource").GetString());
        Assert.Equal("web", datadog.GetProperty("type").GetString());
        Assert.Equal("9532127138774266268", datadog.GetProperty("traceId").GetString());
        Assert.Equal("67667974448284343", datadog.GetProperty("spanId").GetString());
        Assert.Equal("5", datadog.GetProperty("parentId").GetString());
        Assert.Equal(1, datadog.GetProperty("error").GetInt32());
        Assert.True(datadog.GetProperty("topLevel").GetBoolean());
        Assert.True(datadog.GetProperty("measured").GetBoolean());
        Assert.Equal("server", datadog.GetProperty("meta").GetProperty("span.kind").GetString());
        Assert.Equal(500, datadog.GetProperty("metrics").GetProperty("http.status_code").GetDouble());
        Assert.Equal(1, datadog.GetProperty("metrics").GetProperty("_top_level").GetDouble());
    }

    [Fact]
    public void Write_DatadogTracerSpan_MetaAndMetricsFromAttributes()
    {
        var datadog = WriteSpan(NewSpan(new DatadogSpanInfo { Service = "svc", Name = "web.request" },
            KeyValue.String("component", "express"), KeyValue.Double("_sampling_priority_v1", 1)));

        Assert.Equal("express", datadog.GetProperty("meta").GetProperty("component").GetString());
        Assert.False(datadog.GetProperty("meta").TryGetProperty("_sampling_priority_v1", out _));
        Assert.Equal(1, datadog.GetProperty("metrics").GetProperty("_sampling_priority_v1").GetDouble());
        Assert.False(datadog.GetProperty("metrics").TryGetProperty("component", out _));
        Assert.False(datadog.GetProperty("topLevel").GetBoolean());
    }

    [Fact]
    public void Write_SpanWithoutDatadogView_Null()
    {
        Assert.Equal(JsonValueKind.Null, WriteSpan(NewSpan(null)).ValueKind);
    }
}
