using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class DDSketchBehaviourTests
{
    [Fact]
    public void EmptySketch_HasNoQuantilesAndNaNMinMax()
    {
        var sketch = new DDSketch();

        Assert.True(sketch.IsEmpty);
        Assert.Equal(0, sketch.Count);
        Assert.Equal(0, sketch.Sum);
        Assert.True(double.IsNaN(sketch.Min));
        Assert.True(double.IsNaN(sketch.Max));
        Assert.True(double.IsNaN(sketch.GetQuantile(0.5)));
    }

    [Fact]
    public void Add_ZeroValues_CountedInZeroBucket()
    {
        var sketch = new DDSketch();
        for (var i = 0; i < 30; i++)
        {
            sketch.Add(0);
        }
        for (var i = 1; i <= 70; i++)
        {
            sketch.Add(i * 1000);
        }

        Assert.Equal(100, sketch.Count);
        Assert.Equal(30, sketch.ZeroCount);
        Assert.Equal(0, sketch.Min);
        Assert.Equal(0, sketch.GetQuantile(0));
        Assert.Equal(0, sketch.GetQuantile(0.29));
        // Rank 0.5 × 99 = 49.5 → sorted position 49 → the 20th positive value, 20 000.
        Assert.True(SketchData.WithinRelativeError(20_000, sketch.GetQuantile(0.5), 0.01));
        Assert.True(SketchData.WithinRelativeError(70_000, sketch.GetQuantile(1), 0.01));
    }

    [Fact]
    public void Add_OnlyZeros_QuantilesAreZero()
    {
        var sketch = new DDSketch();
        sketch.Add(0, 5);

        Assert.Equal(5, sketch.Count);
        Assert.Equal(0, sketch.GetQuantile(0.99));
        Assert.Equal(0, sketch.Max);
    }

    [Fact]
    public void Add_IntegerWeight_SameAsRepeatedAdds()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var weighted = new DDSketch();
            var repeated = new DDSketch();
            foreach (var value in SketchData.Generate("lognormal", seed, 300))
            {
                var weight = random.Next(1, 20);
                weighted.Add(value, weight);
                for (var i = 0; i < weight; i++)
                {
                    repeated.Add(value);
                }
            }

            Assert.Equal(repeated.Count, weighted.Count);
            foreach (var q in SketchData.Quantiles)
            {
                Assert.Equal(repeated.GetQuantile(q), weighted.GetQuantile(q));
            }
        }
    }

    [Fact]
    public void Add_SampleRateWeights_QuantilesOfTheWeightedPopulation()
    {
        // 1 / _sample_rate weights: a span kept at rate 0.25 stands for 4.
        var sketch = new DDSketch();
        sketch.Add(100, 1 / 0.25);
        sketch.Add(1000, 1 / 0.5);
        sketch.Add(10_000, 1);

        Assert.Equal(7, sketch.Count);
        Assert.Equal(4 * 100 + 2 * 1000 + 10_000, sketch.Sum);
        Assert.True(SketchData.WithinRelativeError(100, sketch.GetQuantile(0.5), 0.01)); // rank 3 of 0..6
        Assert.True(SketchData.WithinRelativeError(1000, sketch.GetQuantile(0.75), 0.01)); // rank 4.5
        Assert.True(SketchData.WithinRelativeError(10_000, sketch.GetQuantile(1), 0.01));
    }

    [Fact]
    public void Add_FractionalWeights_CountIsTheirSum()
    {
        var sketch = new DDSketch();
        sketch.Add(5, 0.5);
        sketch.Add(500, 0.25);
        sketch.Add(7, 0);

        Assert.Equal(0.75, sketch.Count);
        Assert.Equal(500, sketch.Max);
        Assert.Equal(5, sketch.Min);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.MaxValue)]
    public void Add_InvalidValue_Throws(double value)
    {
        var sketch = new DDSketch();

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(value));
        Assert.True(sketch.IsEmpty);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_InvalidWeight_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DDSketch().Add(1, weight));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void GetQuantile_OutOfRange_Throws(double q)
    {
        var sketch = new DDSketch();
        sketch.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.GetQuantile(q));
    }

    [Fact]
    public void Add_ValuesSpanningMoreThanTheCap_CollapsesLowestAndKeepsHighQuantiles()
    {
        var sketch = new DDSketch(0.01, maxBinCount: 400);
        var values = SketchData.Generate("lognormal", 7, 5000);
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        Array.Sort(values);

        Assert.True(sketch.IsCollapsed);
        Assert.True(sketch.Store.Counts.Length <= 400);
        Assert.Equal(values.Length, sketch.Count);
        foreach (var q in new[] { 0.99, 0.999, 1.0 })
        {
            Assert.True(SketchData.WithinRelativeError(SketchData.ExactQuantile(values, q), sketch.GetQuantile(q), 0.01), $"q {q}");
        }
        // The lowest quantiles are now too high (collapsed upward), never below the true value.
        Assert.True(sketch.GetQuantile(0.01) >= SketchData.ExactQuantile(values, 0.01));
    }

    [Fact]
    public void Add_HugeRangeWithDefaultCap_StaysWithin2048Bins()
    {
        var sketch = new DDSketch();
        sketch.Add(1e-300);
        sketch.Add(1e300);
        sketch.Add(1);

        Assert.True(sketch.IsCollapsed);
        Assert.True(sketch.Store.Counts.Length <= 2048);
        Assert.Equal(3, sketch.Count);
        Assert.True(SketchData.WithinRelativeError(1e300, sketch.GetQuantile(1), 0.01));
    }

    [Fact]
    public void Copy_IsIndependent()
    {
        var sketch = new DDSketch();
        sketch.Add(10);
        var copy = sketch.Copy();
        copy.Add(1000);

        Assert.Equal(1, sketch.Count);
        Assert.Equal(10, sketch.Max);
        Assert.Equal(2, copy.Count);
    }
}
