using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class CollapsingLowestDenseStoreTests
{
    public static IEnumerable<object[]> Cases =>
        from cap in new[] { 1, 2, 7, 128, 129, 300 }
        from seed in Enumerable.Range(1, 15)
        select new object[] { cap, seed };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Add_RandomIndexes_MatchesModelOfCollapsing(int cap, int seed)
    {
        // Model: a count added at index i ends up at max(i, highest index − cap + 1), whatever the order.
        var random = new Random(seed);
        var store = new CollapsingLowestDenseStore(cap);
        var added = new List<(int Index, double Count)>();
        var spread = random.Next(1, 2000);
        var centre = random.Next(-100_000, 100_000);
        for (var i = random.Next(1, 400); i > 0; i--)
        {
            var index = centre + random.Next(-spread, spread + 1);
            double count = random.Next(1, 10);
            store.Add(index, count);
            added.Add((index, count));
            Assert.True(store.Counts.Length <= cap);
        }

        var max = added.Max(a => a.Index);
        var lowest = Math.Max(added.Min(a => a.Index), max - cap + 1);
        var expected = new double[max - lowest + 1];
        foreach (var (index, count) in added)
        {
            expected[Math.Max(index, lowest) - lowest] += count;
        }
        Assert.Equal(lowest, store.MinIndex);
        Assert.Equal(max, store.MaxIndex);
        Assert.Equal(expected, store.Counts.ToArray());
        Assert.Equal(added.Sum(a => a.Count), store.TotalCount);
        Assert.Equal(added.Min(a => a.Index) < lowest, store.IsCollapsed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Add_FewSpreadIndexes_AllocatesAboutTheRangeInUse(int seed)
    {
        // A stats group of a few spans (1 ms .. 2 s at 1 % is ~400 bins): the array should not be a fixed chunk size
        // bigger than the range, since there are thousands of such groups per bucket of replayed data.
        var random = new Random(seed);
        var store = new CollapsingLowestDenseStore();
        for (var i = 0; i < 5; i++)
        {
            store.Add(random.Next(0, 400), 1);
        }

        var range = store.MaxIndex - store.MinIndex + 1;
        Assert.InRange(store.Capacity, range, range + Math.Max(8, range / 8));
    }

    [Fact]
    public void Add_IndexesGrowingOneByOne_ReallocatesGeometrically()
    {
        var store = new CollapsingLowestDenseStore();
        var reallocations = 0;
        var capacity = 0;
        for (var index = 0; index < 2048; index++)
        {
            store.Add(index, 1);
            if (store.Capacity != capacity)
            {
                reallocations++;
                capacity = store.Capacity;
            }
        }

        Assert.InRange(reallocations, 1, 50);
        Assert.Equal(2048, store.Capacity);
        Assert.Equal(2048, store.Counts.Length);
    }

    [Fact]
    public void Add_ExtremeIndexes_NoOverflow()
    {
        var store = new CollapsingLowestDenseStore(16);
        store.Add(int.MaxValue, 1);
        store.Add(int.MinValue, 1);
        store.Add(int.MaxValue - 3, 2);

        Assert.Equal(int.MaxValue, store.MaxIndex);
        Assert.Equal(int.MaxValue - 15, store.MinIndex);
        Assert.Equal(4, store.TotalCount);
        Assert.Equal(int.MaxValue, store.KeyAtRank(3.5));
        Assert.Equal(int.MaxValue - 15, store.KeyAtRank(0));

        var low = new CollapsingLowestDenseStore(16);
        low.Add(int.MinValue, 1);
        low.Add(int.MinValue + 5, 1);
        Assert.Equal(int.MinValue, low.MinIndex);
        Assert.Equal(6, low.Counts.Length);
    }

    [Fact]
    public void KeyAtRank_CumulativeCounts_FirstBinExceedingRank()
    {
        var store = new CollapsingLowestDenseStore();
        store.Add(10, 2);
        store.Add(12, 3);

        Assert.Equal(10, store.KeyAtRank(0));
        Assert.Equal(10, store.KeyAtRank(1.99));
        Assert.Equal(12, store.KeyAtRank(2));
        Assert.Equal(12, store.KeyAtRank(100));
    }
}
