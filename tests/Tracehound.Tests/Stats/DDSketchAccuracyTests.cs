using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class DDSketchAccuracyTests
{
    public static IEnumerable<object[]> Cases => SketchData.DistributionsAndSeeds(seeds: 25);

    [Theory]
    [MemberData(nameof(Cases))]
    public void GetQuantile_RandomData_WithinOnePercentOfExact(string distribution, int seed)
    {
        var values = SketchData.Generate(distribution, seed, count: 1 + (seed * 97 % 3000));
        var sketch = new DDSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        Array.Sort(values);

        Assert.Equal(values.Length, sketch.Count);
        Assert.False(sketch.IsCollapsed);
        foreach (var q in SketchData.Quantiles)
        {
            var exact = SketchData.ExactQuantile(values, q);
            var estimate = sketch.GetQuantile(q);
            Assert.True(
                SketchData.WithinRelativeError(exact, estimate, 0.01),
                $"{distribution} seed {seed} q {q}: exact {exact}, sketch {estimate}");
        }
        Assert.Equal(values[0], sketch.Min);
        Assert.Equal(values[^1], sketch.Max);
        Assert.Equal(values.Sum(), sketch.Sum, values.Sum() * 1e-9);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.02)]
    [InlineData(0.001)]
    public void GetQuantile_OtherAccuracies_WithinThatAccuracy(double relativeAccuracy)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var values = SketchData.Generate("lognormal", seed, 2000);
            var sketch = new DDSketch(relativeAccuracy, maxBinCount: 100_000); // lognormal at 0.1% needs ~22 000 bins
            foreach (var value in values)
            {
                sketch.Add(value);
            }
            Array.Sort(values);
            foreach (var q in SketchData.Quantiles)
            {
                var exact = SketchData.ExactQuantile(values, q);
                Assert.True(SketchData.WithinRelativeError(exact, sketch.GetQuantile(q), relativeAccuracy), $"seed {seed} q {q}");
            }
            Assert.False(sketch.IsCollapsed);
        }
    }

    [Fact]
    public void GetQuantile_EveryValueAlone_WithinOnePercent()
    {
        // Bin edges: values at and just around gamma^i, where floating-point rounding of the log matters most.
        var gamma = new DDSketch().Gamma;
        for (var i = -200; i <= 2200; i += 7)
        {
            foreach (var value in new[] { Math.Pow(gamma, i), Math.BitDecrement(Math.Pow(gamma, i)), Math.BitIncrement(Math.Pow(gamma, i)) })
            {
                var sketch = new DDSketch();
                sketch.Add(value);
                var sketchWithoutClamp = new DDSketch();
                sketchWithoutClamp.Add(value);
                sketchWithoutClamp.Add(value * 1e6); // a second value, so the first one's quantile is not clamped to min = max
                Assert.Equal(value, sketch.GetQuantile(0.5));
                Assert.True(SketchData.WithinRelativeError(value, sketchWithoutClamp.GetQuantile(0), 0.01), $"value {value}");
            }
        }
    }

    [Fact]
    public void Gamma_OnePercent_IsDatadogsValue()
    {
        var sketch = new DDSketch();

        Assert.Equal(1.01 / 0.99, sketch.Gamma, 15);
        Assert.Equal(0.01, sketch.RelativeAccuracy, 12);
        Assert.Equal(2048, sketch.MaxBinCount);
    }
}
