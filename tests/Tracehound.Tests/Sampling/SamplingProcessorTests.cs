using Tracehound.Model;
using Tracehound.Processing.Sampling;

namespace Tracehound.Tests.Sampling;

public sealed class SamplingProcessorTests
{
    [Fact]
    public void Process_Defaults_KeepEverything()
    {
        var processor = new SamplingProcessor(new SamplingOptions(), new ManualClock());
        var batch = SamplingSpans.Batch(
            SamplingSpans.DatadogChunk(1, SamplingPriority.UserDrop),
            SamplingSpans.DatadogChunk(2, SamplingPriority.AutoDrop),
            SamplingSpans.DatadogChunk(3, SamplingPriority.None),
            SamplingSpans.OtelTrace(new TraceId(9, 9)));
        processor.Process(batch);
        Assert.Equal(8, batch.Count);
    }

    [Fact]
    public void Process_HonorPriority_DropsRejectsKeepsKeeps()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true }, new ManualClock());
        var batch = SamplingSpans.Batch(
            SamplingSpans.DatadogChunk(1, SamplingPriority.UserDrop, error: true),
            SamplingSpans.DatadogChunk(2, SamplingPriority.AutoDrop),
            SamplingSpans.DatadogChunk(3, SamplingPriority.AutoKeep),
            SamplingSpans.DatadogChunk(4, SamplingPriority.UserKeep),
            SamplingSpans.DatadogChunk(5, SamplingPriority.None));
        processor.Process(batch);
        Assert.Equal([3UL, 3, 4, 4, 5, 5], batch.Spans.Select(s => s.TraceId.Low));
    }

    [Fact]
    public void Process_HonorPriority_ErrorsSamplerRescuesAutoDropWithError()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true }, new ManualClock());
        var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk(7, SamplingPriority.AutoDrop, error: true));
        processor.Process(batch);
        Assert.Equal(2, batch.Count);
        Assert.Contains(batch.Spans[0].Attributes, a => a.Key == "_dd.errors_sr" && a.Value.AsDouble() == 1);
    }

    [Fact]
    public void Process_ErrorsSamplerOff_AutoDropWithErrorDropped()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, ErrorsPerSecond = 0 }, new ManualClock());
        var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk(7, SamplingPriority.AutoDrop, error: true));
        processor.Process(batch);
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Process_ErrorsSampler_LimitsToItsRate()
    {
        // 100 error traces/s of one signature dropped by priority: the errors sampler converges to ~10/s.
        var clock = new ManualClock();
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, ErrorsPerSecond = 10 }, clock);
        var random = new Random(5);
        var keptLastMinute = 0;
        for (var tick = 0; tick < 120 * 100; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk((ulong)random.NextInt64(), SamplingPriority.AutoDrop, error: true));
            processor.Process(batch);
            if (tick >= 60 * 100 && batch.Count > 0)
            {
                keptLastMinute++;
            }
        }

        Assert.InRange(keptLastMinute, 480, 720);
    }

    [Fact]
    public void Process_Percentage_KeepsExactlyTheHashedIds()
    {
        var processor = new SamplingProcessor(new SamplingOptions { Percentage = 10, ErrorsPerSecond = 0 }, new ManualClock());
        var hash = new ProbabilisticSampler(10);
        var random = new Random(11);
        var traces = Enumerable.Range(0, 2000).Select(_ => SamplingSpans.OtelTrace(SamplingSpans.RandomTraceId(random))).ToArray();
        var batch = SamplingSpans.Batch(traces);
        processor.Process(batch);

        var expected = traces.Where(t => hash.Keeps(t[0].TraceId)).SelectMany(t => t).ToArray();
        Assert.Equal(expected, batch.Spans);
        Assert.InRange(expected.Length / 2, 150, 250);
    }

    [Fact]
    public void Process_Percentage_DatadogPriorityChunksNotSampled()
    {
        var processor = new SamplingProcessor(new SamplingOptions { Percentage = 0, ErrorsPerSecond = 0 }, new ManualClock());
        var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk(1, SamplingPriority.AutoKeep), SamplingSpans.DatadogChunk(2, SamplingPriority.None));
        processor.Process(batch);
        Assert.Equal([1UL, 1], batch.Spans.Select(s => s.TraceId.Low));
    }

    [Fact]
    public void Process_Percentage_DatadogKeptRootGetsProbRate()
    {
        var processor = new SamplingProcessor(new SamplingOptions { Percentage = 99.99 }, new ManualClock());
        var id = Enumerable.Range(1, 1000).Select(i => (ulong)i).First(i => new ProbabilisticSampler(99.99).Keeps(new TraceId(0, i)));
        var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk(id, SamplingPriority.None));
        processor.Process(batch);
        Assert.Contains(batch.Spans[0].Attributes, a => a.Key == "_dd.prob_sr" && Math.Abs(a.Value.AsDouble() - 0.9999) < 1e-12);
    }

    [Fact]
    public void Process_Percentage_ErrorTraceRescued()
    {
        var processor = new SamplingProcessor(new SamplingOptions { Percentage = 0 }, new ManualClock());
        var batch = SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(1, 2), error: true), SamplingSpans.OtelTrace(new TraceId(1, 3)));
        processor.Process(batch);
        Assert.Equal([2UL, 2], batch.Spans.Select(s => s.TraceId.Low));
    }

    [Fact]
    public void Process_OtelSamplingPriorityAttribute_IsThePriority()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, Percentage = 0 }, new ManualClock());
        var batch = SamplingSpans.Batch(
            SamplingSpans.OtelTrace(new TraceId(1, 1), rootAttributes: KeyValue.Int("sampling.priority", -1)),
            SamplingSpans.OtelTrace(new TraceId(1, 2), rootAttributes: KeyValue.Double("sampling.priority", 2)));
        processor.Process(batch);
        Assert.Equal([2UL, 2], batch.Spans.Select(s => s.TraceId.Low));
    }

    [Fact]
    public void Process_SpansOfOneTraceAcrossBatchOrder_DecidedTogether()
    {
        var processor = new SamplingProcessor(new SamplingOptions { Percentage = 50, ErrorsPerSecond = 0 }, new ManualClock());
        var random = new Random(2);
        var traces = Enumerable.Range(0, 200).Select(_ => SamplingSpans.OtelTrace(SamplingSpans.RandomTraceId(random))).ToArray();
        // Interleave: all roots first, then all children.
        var batch = new SpanBatch([.. traces.Select(t => t[0]), .. traces.Select(t => t[1])]);
        processor.Process(batch);
        var kept = batch.Spans.GroupBy(s => s.TraceId).ToArray();
        Assert.All(kept, g => Assert.Equal(2, g.Count()));
        Assert.InRange(kept.Length, 60, 140);
    }

    [Fact]
    public void Process_Rare_KeepsFirstOfSignatureThenCoolsDown()
    {
        var clock = new ManualClock();
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, ErrorsPerSecond = 0, RareEnabled = true, RareCooldown = TimeSpan.FromMinutes(5) }, clock);

        var first = SamplingSpans.Batch(SamplingSpans.DatadogChunk(1, SamplingPriority.AutoDrop, resource: "GET /a"));
        processor.Process(first);
        Assert.Equal(2, first.Count);
        Assert.Contains(first.Spans[0].Attributes, a => a.Key == "_dd.rare");

        var again = SamplingSpans.Batch(SamplingSpans.DatadogChunk(2, SamplingPriority.AutoDrop, resource: "GET /a"));
        processor.Process(again);
        Assert.Equal(0, again.Count);

        var other = SamplingSpans.Batch(SamplingSpans.DatadogChunk(3, SamplingPriority.AutoDrop, resource: "GET /b"));
        processor.Process(other);
        Assert.Equal(2, other.Count);

        clock.Advance(TimeSpan.FromMinutes(6));
        var afterCooldown = SamplingSpans.Batch(SamplingSpans.DatadogChunk(4, SamplingPriority.AutoDrop, resource: "GET /a"));
        processor.Process(afterCooldown);
        Assert.Equal(2, afterCooldown.Count);
    }

    [Fact]
    public void Process_Rare_SignatureOfKeptTraceIsNotRare()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, ErrorsPerSecond = 0, RareEnabled = true }, new ManualClock());
        processor.Process(SamplingSpans.Batch(SamplingSpans.DatadogChunk(1, SamplingPriority.AutoKeep, resource: "GET /a")));
        var dropped = SamplingSpans.Batch(SamplingSpans.DatadogChunk(2, SamplingPriority.AutoDrop, resource: "GET /a"));
        processor.Process(dropped);
        Assert.Equal(0, dropped.Count);
    }

    [Fact]
    public void Process_Rare_RateLimitedToBurst()
    {
        var processor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, ErrorsPerSecond = 0, RareEnabled = true, RareTps = 5 }, new ManualClock());
        var kept = 0;
        for (var i = 0; i < 100; i++)
        {
            var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk((ulong)i + 1, SamplingPriority.AutoDrop, resource: "GET /" + i));
            processor.Process(batch);
            kept += batch.Count > 0 ? 1 : 0;
        }

        Assert.Equal(RareSampler.Burst, kept);
    }

    [Fact]
    public void EnvOf_RootTagThenResourceThenNone()
    {
        Assert.Equal("prod", SamplingProcessor.EnvOf(SamplingSpans.DatadogChunk(1, 1, env: "prod"), SamplingSpans.DatadogChunk(1, 1, env: "prod")[0]));
        var otel = SamplingSpans.OtelTrace(new TraceId(1, 1));
        otel[0].Resource = new Resource([KeyValue.String("deployment.environment.name", "staging")]);
        Assert.Equal("staging", SamplingProcessor.EnvOf(otel, otel[0]));
        var bare = SamplingSpans.OtelTrace(new TraceId(1, 1));
        Assert.Equal("none", SamplingProcessor.EnvOf(bare, bare[0]));
    }
}
