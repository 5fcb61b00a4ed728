using Tracehound.Model;
using Tracehound.Processing.Semantics;
using Tracehound.Query;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

public sealed class DatadogViewTraceStoreTests
{
    [Fact]
    public async Task GetTraceAsync_SpansWithoutAView_GetTheDerivedOneAndTopLevel()
    {
        var inner = new InMemoryTraceStore();
        var resource = new Resource([KeyValue.String("service.name", "checkout"), KeyValue.String("deployment.environment", "prod")]);
        var traceId = new TraceId(1, 2);
        var root = new Span
        {
            TraceId = traceId, SpanId = new SpanId(10), Name = "GET /cart", Kind = SpanKind.Server, Resource = resource,
            StartTimeUnixNano = 1_767_225_600_000_000_000, EndTimeUnixNano = 1_767_225_600_100_000_000,
            Attributes = [KeyValue.String("http.request.method", "GET"), KeyValue.String("http.route", "/cart")],
        };
        var child = new Span
        {
            TraceId = traceId, SpanId = new SpanId(11), ParentSpanId = new SpanId(10), Name = "SELECT", Kind = SpanKind.Client, Resource = resource,
            StartTimeUnixNano = 1_767_225_600_010_000_000, EndTimeUnixNano = 1_767_225_600_020_000_000,
            Attributes = [KeyValue.String("db.system", "postgresql"), KeyValue.String("db.statement", "SELECT 1")],
        };
        inner.Add(root, child);
        await using var view = new DatadogViewTraceStore(inner, new DatadogSemanticsOptions());

        var trace = await view.GetTraceAsync(TraceLookup.Full(traceId), CancellationToken.None);

        var rootView = trace!.Spans.Single(s => s.SpanId.Value == 10).Datadog!;
        var childView = trace.Spans.Single(s => s.SpanId.Value == 11).Datadog!;
        Assert.True(rootView.Derived);
        Assert.Equal("checkout", rootView.Service);
        Assert.Equal("GET /cart", rootView.Resource);
        Assert.Equal("web", rootView.Type);
        Assert.True(rootView.TopLevel);
        Assert.False(childView.TopLevel);
        Assert.Equal("sql", childView.Type);
    }

    [Fact]
    public async Task FindTracesAsync_ViewsSentByATracer_AreLeftAlone()
    {
        var inner = new InMemoryTraceStore();
        var span = new Span
        {
            TraceId = new TraceId(0, 7), SpanId = new SpanId(1), Name = "GET /x", Kind = SpanKind.Server,
            Resource = new Resource([KeyValue.String("service.name", "dd")]),
            StartTimeUnixNano = 1_767_225_600_000_000_000, EndTimeUnixNano = 1_767_225_600_100_000_000,
            Datadog = new DatadogSpanInfo { Service = "dd", Name = "web.request", Resource = "GET /x", Type = "web", TopLevel = true },
        };
        inner.Add(span);
        await using var view = new DatadogViewTraceStore(inner, new DatadogSemanticsOptions());

        var traces = await view.FindTracesAsync(new TraceQuery { ServiceName = "dd" }, CancellationToken.None);

        var info = Assert.Single(Assert.Single(traces).Spans).Datadog!;
        Assert.False(info.Derived);
        Assert.Equal("web.request", info.Name);
    }
}
