using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class DDSketchMergeTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 30).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merge_ThreeSketches_AssociativeAndCommutative(int seed)
    {
        var a = Build("lognormal", seed, maxBinCount: 2048);
        var b = Build("milliseconds", seed + 1000, maxBinCount: 2048);
        var c = Build("pareto", seed + 2000, maxBinCount: 2048);

        AssertSameSketch(MergeAll(MergeAll(a, b), c), MergeAll(a, MergeAll(b, c)));
        AssertSameSketch(MergeAll(MergeAll(a, b), c), MergeAll(MergeAll(c, a), b));
        AssertSameSketch(MergeAll(a, b), MergeAll(b, a));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merge_CollapsingSketches_AssociativeAndCommutative(int seed)
    {
        // A 40-bin cap with data spanning far more: every merge order must collapse to the same bins.
        var a = Build("lognormal", seed, maxBinCount: 40);
        var b = Build("tiny", seed + 1000, maxBinCount: 40);
        var c = Build("exponential", seed + 2000, maxBinCount: 40);

        Assert.True(MergeAll(a, b, c).IsCollapsed);
        AssertSameSketch(MergeAll(MergeAll(a, b), c), MergeAll(a, MergeAll(b, c)));
        AssertSameSketch(MergeAll(c, b, a), MergeAll(b, a, c));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merge_Parts_EqualsOneSketchOfAllValues(int seed)
    {
        var values = SketchData.Generate(SketchData.Distributions[seed % SketchData.Distributions.Length], seed, 2000);
        var whole = new DDSketch();
        var parts = Enumerable.Range(0, 5).Select(_ => new DDSketch()).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Add(values[i], 1 + (i % 3));
            parts[(i * 7 + seed) % parts.Length].Add(values[i], 1 + (i % 3));
        }

        AssertSameSketch(whole, MergeAll(parts));
        Array.Sort(values);
        Assert.Equal(values[0], MergeAll(parts).Min);
    }

    [Fact]
    public void Merge_Empty_ChangesNothing()
    {
        var sketch = Build("uniform", 3, 2048);
        var before = sketch.Copy();

        sketch.Merge(new DDSketch());
        AssertSameSketch(before, sketch);

        var empty = new DDSketch();
        empty.Merge(sketch);
        AssertSameSketch(sketch, empty);
    }

    [Fact]
    public void Merge_LeavesOtherUnchanged()
    {
        var a = Build("uniform", 1, 2048);
        var b = Build("pareto", 2, 2048);
        var bBefore = b.Copy();

        a.Merge(b);

        AssertSameSketch(bBefore, b);
    }

    [Fact]
    public void Merge_DifferentAccuracy_Throws()
    {
        var onePercent = new DDSketch();
        var twoPercent = new DDSketch(0.02);
        twoPercent.Add(5);

        var error = Assert.Throws<ArgumentException>(() => onePercent.Merge(twoPercent));
        Assert.Contains("different index mappings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.0078125)]
    public void MergeRebinning_OtherAccuracy_WithinSumOfAccuracies(double otherAccuracy)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var values = SketchData.Generate("lognormal", seed, 2000);
            var mine = new DDSketch();
            var theirs = new DDSketch(otherAccuracy);
            for (var i = 0; i < values.Length; i++)
            {
                (i % 2 == 0 ? mine : theirs).Add(values[i]);
            }

            mine.MergeRebinning(theirs);
            Array.Sort(values);

            Assert.Equal(values.Length, mine.Count);
            Assert.Equal(values[^1], mine.Max);
            foreach (var q in SketchData.Quantiles)
            {
                var exact = SketchData.ExactQuantile(values, q);
                Assert.True(SketchData.WithinRelativeError(exact, mine.GetQuantile(q), 0.01 + otherAccuracy + 0.0003), $"seed {seed} q {q}");
            }
        }
    }

    [Fact]
    public void MergeRebinning_SameMapping_SameAsMerge()
    {
        var a = Build("uniform", 1, 2048);
        var b = Build("pareto", 2, 2048);
        var merged = MergeAll(a, b);
        var rebinned = a.Copy();

        rebinned.MergeRebinning(b);

        AssertSameSketch(merged, rebinned);
    }

    private static DDSketch Build(string distribution, int seed, int maxBinCount)
    {
        var sketch = new DDSketch(DDSketch.DefaultRelativeAccuracy, maxBinCount);
        var random = new Random(seed);
        foreach (var value in SketchData.Generate(distribution, seed, 500 + random.Next(1000)))
        {
            // Integer weights keep every count exact, so merge order cannot change a bin by rounding.
            sketch.Add(value, random.Next(1, 4));
        }
        sketch.Add(0, random.Next(0, 3));
        return sketch;
    }

    private static DDSketch MergeAll(params DDSketch[] sketches)
    {
        var merged = sketches[0].Copy();
        foreach (var sketch in sketches.Skip(1))
        {
            merged.Merge(sketch);
        }
        return merged;
    }

    internal static void AssertSameSketch(DDSketch expected, DDSketch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ZeroCount, actual.ZeroCount);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        Assert.Equal(expected.Sum, actual.Sum, Math.Abs(expected.Sum) * 1e-12);
        Assert.Equal(expected.IsCollapsed, actual.IsCollapsed);
        Assert.Equal(expected.Store.MinIndex, actual.Store.MinIndex);
        Assert.Equal(expected.Store.MaxIndex, actual.Store.MaxIndex);
        Assert.Equal(expected.Store.Counts.ToArray(), actual.Store.Counts.ToArray());
        for (var q = 0.0; q <= 1.0; q += 0.005)
        {
            Assert.Equal(expected.GetQuantile(q), actual.GetQuantile(q));
        }
    }
}
