using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

/// <summary>The concentrator inside a pipeline: only batches the exporters accepted are counted.</summary>
public sealed class StatsConcentratorPipelineTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public async Task Pipeline_BatchRefusedThenRetried_IsCountedOnce()
    {
        var concentrator = new StatsConcentrator();
        var exporter = new ScriptedExporter(ExportResult.Overloaded, ExportResult.Success);
        var pipeline = new TracePipeline([concentrator], [exporter]);

        Assert.Equal(ExportResult.Overloaded, await pipeline.ProcessAsync(Batch(), CancellationToken.None));
        Assert.Empty(concentrator.Snapshot(long.MinValue, long.MaxValue));

        // The client sends the same spans again (a new request, so a new batch).
        Assert.Equal(ExportResult.Success, await pipeline.ProcessAsync(Batch(), CancellationToken.None));
        var group = Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Value;
        Assert.Equal(2, group.Hits);
    }

    [Fact]
    public async Task Pipeline_EverySpanSampledOut_IsStillCounted()
    {
        var concentrator = new StatsConcentrator();
        var dropAll = new DropAllProcessor();
        var pipeline = new TracePipeline([concentrator, dropAll], [new ScriptedExporter()]);

        Assert.Equal(ExportResult.Success, await pipeline.ProcessAsync(Batch(), CancellationToken.None));

        Assert.Equal(2, Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Value.Hits);
    }

    private static SpanBatch Batch() => new([Server(1), Server(2)]);

    private static Span Server(ulong id) => new()
    {
        TraceId = new TraceId(0, id),
        SpanId = new SpanId(id),
        Name = "GET /",
        Kind = SpanKind.Server,
        StartTimeUnixNano = 1_700_000_000L * Second,
        EndTimeUnixNano = (1_700_000_000L * Second) + Second,
        Datadog = new DatadogSpanInfo { Service = "web", Name = "web.request", Resource = "GET /", Type = "web", TopLevel = true },
    };

    private sealed class DropAllProcessor : ISpanProcessor
    {
        public void Process(SpanBatch batch) => batch.Spans.Clear();
    }

    private sealed class ScriptedExporter(params ExportResult[] results) : ISpanExporter
    {
        private int _calls;

        public string Name => "scripted";

        public ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_calls < results.Length ? results[_calls++] : ExportResult.Success);
    }
}
