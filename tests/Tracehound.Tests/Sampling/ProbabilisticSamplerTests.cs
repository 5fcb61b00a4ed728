using Tracehound.Model;
using Tracehound.Processing.Sampling;

namespace Tracehound.Tests.Sampling;

/// <summary>Decisions on the vectors of datadog-agent's probabilistic_test.go and the agent's hash constants.</summary>
public sealed class ProbabilisticSamplerTests
{
    // Trace id bytes 01 02 ... 10 (the agent test's id).
    private static readonly TraceId OneToSixteen = new(0x0102030405060708, 0x090A0B0C0D0E0F10);

    [Theory]
    [InlineData(41, true)]
    [InlineData(40, false)]
    public void FullTraceId_AgentVector_SameDecision(double percentage, bool keep) =>
        Assert.Equal(keep, new ProbabilisticSampler(percentage, 0, fullTraceId: true).Keeps(OneToSixteen));

    [Fact]
    public void FullTraceId_64BitIds_AgentVectors()
    {
        var sampler = new ProbabilisticSampler(40, 0, fullTraceId: true);
        Assert.True(sampler.Keeps(new TraceId(0, 555)));
        Assert.False(sampler.Keeps(new TraceId(0, 556)));
    }

    [Fact]
    public void DefaultMode_HashesLow64Bits_AgentVectors()
    {
        Assert.True(new ProbabilisticSampler(70).Keeps(OneToSixteen));
        Assert.False(new ProbabilisticSampler(68).Keeps(new TraceId(0x0102030405060708, 555)));
        // Only the low half counts by default.
        Assert.Equal(new ProbabilisticSampler(50).Hash(new TraceId(1, 42)), new ProbabilisticSampler(50).Hash(new TraceId(2, 42)));
    }

    [Fact]
    public void Hash_IsFnv1a32OfSeedThenId()
    {
        // FNV-1a-32 of 20 zero bytes (seed 0, id 0), computed by hand from offset 2166136261 and prime 16777619.
        uint expected = 2166136261;
        for (var i = 0; i < 20; i++)
        {
            expected *= 16777619;
        }

        Assert.Equal(expected, new ProbabilisticSampler(50).Hash(default));
        Assert.NotEqual(new ProbabilisticSampler(50, 1).Hash(new TraceId(0, 7)), new ProbabilisticSampler(50, 2).Hash(new TraceId(0, 7)));
    }

    [Fact]
    public void Percentages_ScaleTo16384Buckets()
    {
        var random = new Random(7);
        var all = new ProbabilisticSampler(100);
        var none = new ProbabilisticSampler(0);
        var ten = new ProbabilisticSampler(10);
        var kept = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var id = SamplingSpans.RandomTraceId(random);
            Assert.True(all.Keeps(id));
            Assert.False(none.Keeps(id));
            var bucket = ten.Hash(id) & 0x3FFF;
            // 10 × 163.84 = 1638.4 → buckets below 1638 are kept.
            Assert.Equal(bucket < 1638, ten.Keeps(id));
            kept += ten.Keeps(id) ? 1 : 0;
        }

        Assert.InRange(kept, 1_800, 2_200);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Constructor_PercentageOutOfRange_Throws(double percentage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticSampler(percentage));

    [Fact]
    public void Knuth_SampleByRate_UsesAgentFactor()
    {
        // 1 × 1111111111111111111 ≈ 0.0602 × 2^64: kept at rate 0.07, dropped at 0.06.
        Assert.True(KnuthSampler.SampleByRate(1, 0.07));
        Assert.False(KnuthSampler.SampleByRate(1, 0.06));
        // 2 × factor = 2222222222222222222 ≈ 0.1205 × 2^64.
        Assert.True(KnuthSampler.SampleByRate(2, 0.121));
        Assert.False(KnuthSampler.SampleByRate(2, 0.12));
        Assert.True(KnuthSampler.SampleByRate(12345, 1));
        Assert.False(KnuthSampler.SampleByRate(0xFFFF_FFFF_FFFF_FFFF, 0));
    }
}
