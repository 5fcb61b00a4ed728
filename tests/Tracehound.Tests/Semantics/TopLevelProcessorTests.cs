using Tracehound.Model;
using Tracehound.Processing.Semantics;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

public sealed class TopLevelProcessorTests
{
    private static Span Child(ulong id, ulong parent, string service)
    {
        var span = Create(SpanKind.Internal, resource: new Resource([KeyValue.String("service.name", service)]));
        span.SpanId = new SpanId(id);
        span.ParentSpanId = new SpanId(parent);
        return span;
    }

    [Fact]
    public void Process_Root_IsTopLevel()
    {
        var root = Child(1, 0, "a");
        Run(new SpanBatch([root]));

        Assert.True(root.Datadog!.TopLevel);
    }

    [Fact]
    public void Process_ChildOfSameService_IsNotTopLevel()
    {
        var resource = new Resource([KeyValue.String("service.name", "a")]);
        var root = Child(1, 0, "a");
        var child = Child(2, 1, "a");
        root.Resource = child.Resource = resource;
        Run(new SpanBatch([root, child]));

        Assert.False(child.Datadog!.TopLevel);
    }

    [Fact]
    public void Process_ParentNotInChunk_IsTopLevel()
    {
        var orphan = Child(2, 99, "a");
        Run(new SpanBatch([orphan]));

        Assert.True(orphan.Datadog!.TopLevel);
    }

    [Fact]
    public void Process_ParentOfAnotherService_IsTopLevel()
    {
        var root = Child(1, 0, "a");
        var child = Child(2, 1, "b");
        root.Resource = child.Resource = new Resource([KeyValue.String("service.name", "a")]);
        child.Attributes = [KeyValue.String("datadog.service", "b")];
        Run(new SpanBatch([root, child]));

        Assert.True(child.Datadog!.TopLevel);
    }

    [Fact]
    public void Process_ClientComputedTopLevel_TrustsTracerMetric()
    {
        var payload = new DatadogPayloadInfo { ClientComputedTopLevel = true };
        var chunk = new DatadogChunkInfo();
        var marked = Child(2, 1, "a");
        marked.Attributes = [KeyValue.Double("_dd.top_level", 1)];
        marked.Datadog = new DatadogSpanInfo { Service = "a", Name = "n", Payload = payload, Chunk = chunk };
        var unmarked = Child(3, 0, "a");
        unmarked.Datadog = new DatadogSpanInfo { Service = "a", Name = "n", Payload = payload, Chunk = chunk };

        new TopLevelProcessor().Process(new SpanBatch([marked, unmarked]));

        Assert.True(marked.Datadog.TopLevel);
        Assert.False(unmarked.Datadog.TopLevel);
    }

    [Fact]
    public void Process_DatadogSpansInDifferentChunks_ParentElsewhereIsTopLevel()
    {
        var root = Child(1, 0, "a");
        root.Datadog = new DatadogSpanInfo { Service = "a", Chunk = new DatadogChunkInfo() };
        var child = Child(2, 1, "a");
        child.Datadog = new DatadogSpanInfo { Service = "a", Chunk = new DatadogChunkInfo(), Metrics = [KeyValue.Double("_dd.measured", 1)] };

        new TopLevelProcessor().Process(new SpanBatch([root, child]));

        Assert.True(child.Datadog.TopLevel);
        Assert.True(child.Datadog.Measured);
    }
}
