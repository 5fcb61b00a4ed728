using System.Text.Json;
using Tracehound.Processing.Sampling;

namespace Tracehound.Tests.Sampling;

public sealed class PrioritySamplerTests
{
    [Fact]
    public void Current_BeforeTraffic_KeepsEverything()
    {
        var sampler = new PrioritySampler(10, new ManualClock());
        var (version, body) = sampler.Current;
        Assert.Equal(PrioritySampler.InitialVersion, version);
        Assert.Equal("{\"rate_by_service\":{\"service:,env:\":1}}", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void RateByService_SteadyLoad_ConvergesToTarget()
    {
        var clock = new ManualClock();
        var processor = new SamplingProcessor(new SamplingOptions { TargetTps = 10 }, clock);
        var random = new Random(3);
        ulong id = 0;
        // 100 traces/s of api in prod and 2 traces/s of worker (env not set ⇒ "none") for 3 minutes;
        // tracers apply the rate they were last told (priority 1 with that probability, else 0).
        for (var tick = 0; tick < 180 * 100; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            Send(processor, "api", "prod", random, ++id);
            if (tick % 50 == 0)
            {
                Send(processor, "worker", string.Empty, random, ++id);
            }
        }

        var rates = Parse(processor.ServiceSampleRates.Current.Body);
        // worker uses 2 of the 10 TPS; api gets the remaining 8 of its 100.
        Assert.InRange(rates["service:api,env:prod"], 0.075, 0.085);
        Assert.Equal(1, rates["service:worker,env:none"]);
        Assert.Equal(1, rates["service:worker,env:"]);
        Assert.False(rates.ContainsKey("service:api,env:"));
        Assert.InRange(rates["service:,env:"], 0.075, 0.085);
        Assert.NotEqual(PrioritySampler.InitialVersion, processor.ServiceSampleRates.Current.Version);
    }

    [Fact]
    public void RateByService_LoadDrops_RateRisesAtMost20PercentPerUpdate()
    {
        var clock = new ManualClock();
        var sampler = new PrioritySampler(10, clock);
        var root = SamplingSpans.DatadogChunk(1, 1, "api", "prod")[0];
        for (var tick = 0; tick < 60 * 100; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            sampler.Sample(clock.Now, root, "prod", 0);
        }

        var before = sampler.Rates["service:api,env:prod"];
        Assert.InRange(before, 0.095, 0.105);

        // Now 1 trace/s: the rate may only grow by ×1.2 per 5 s bucket (after the 30 s window forgets the peak).
        var previous = before;
        for (var second = 0; second < 120; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            sampler.Sample(clock.Now, root, "prod", 0);
            var rate = sampler.Rates["service:api,env:prod"];
            Assert.True(rate <= (previous * 1.2) + 1e-9, $"rate {rate} jumped from {previous}");
            previous = rate;
        }

        Assert.Equal(1, previous);
    }

    [Fact]
    public void Sample_UserPriorities_NotCounted()
    {
        var clock = new ManualClock();
        var sampler = new PrioritySampler(10, clock);
        var root = SamplingSpans.DatadogChunk(1, 2, "api", "prod")[0];
        for (var tick = 0; tick < 20 * 100; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(sampler.Sample(clock.Now, root, "prod", SamplingPriority.UserKeep));
            Assert.False(sampler.Sample(clock.Now, root, "prod", SamplingPriority.UserDrop));
        }

        Assert.Equal(["service:,env:"], sampler.Rates.Keys);
    }

    [Fact]
    public void Sample_ClientRate_WeightsCounts()
    {
        // 10 traces/s sent, each standing for 10 (tracer rate 0.1): the sampler sees 100 TPS.
        var clock = new ManualClock();
        var sampler = new PrioritySampler(10, clock);
        var chunk = SamplingSpans.DatadogChunk(1, 1, "api", "prod");
        chunk[0].Attributes = [.. chunk[0].Attributes, Tracehound.Model.KeyValue.Double("_sample_rate", 0.1)];
        for (var tick = 0; tick < 60 * 10; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            sampler.Sample(clock.Now, chunk[0], "prod", 1);
        }

        Assert.InRange(sampler.Rates["service:api,env:prod"], 0.095, 0.105);
    }

    [Fact]
    public void ComputeTpsPerSignature_QuietSignaturesLeaveTheirShare()
    {
        Assert.Equal(5, TpsSampler.ComputeTpsPerSignature(10, [100, 100]));
        Assert.Equal(4.5, TpsSampler.ComputeTpsPerSignature(10, [100, 1, 100]));
        Assert.Equal(10, TpsSampler.ComputeTpsPerSignature(10, [3]));
    }

    private static void Send(SamplingProcessor processor, string service, string env, Random random, ulong id)
    {
        var rates = Parse(processor.ServiceSampleRates.Current.Body);
        var key = $"service:{service},env:{(env.Length == 0 ? "none" : env)}";
        var rate = rates.TryGetValue(key, out var r) ? r : rates["service:,env:"];
        var priority = random.NextDouble() < rate ? 1 : 0;
        var batch = SamplingSpans.Batch(SamplingSpans.DatadogChunk(id, priority, service, env));
        processor.Process(batch);
        Assert.Equal(2, batch.Count);
    }

    private static Dictionary<string, double> Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("rate_by_service").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
