using Tracehound.Processing.Stats;

namespace Tracehound.Query.Stats;

/// <summary>Figures merged over rows: counts, and one sketch of all durations (ok and error) for the percentiles.</summary>
internal sealed class StatsAccumulator
{
    public double Hits { get; private set; }

    public double Errors { get; private set; }

    public double TopLevelHits { get; private set; }

    public double Duration { get; private set; }

    public DDSketch Latencies { get; } = new();

    public void Add(StatsGroup group)
    {
        Hits += group.Hits;
        Errors += group.Errors;
        TopLevelHits += group.TopLevelHits;
        Duration += group.Duration;
        Latencies.MergeRebinning(group.OkSketch);
        Latencies.MergeRebinning(group.ErrorSketch);
    }

    public void Add(StatsAccumulator other)
    {
        Hits += other.Hits;
        Errors += other.Errors;
        TopLevelHits += other.TopLevelHits;
        Duration += other.Duration;
        Latencies.Merge(other.Latencies);
    }

    public double ErrorRate => Hits > 0 ? Errors / Hits : 0;

    /// <summary>The duration at quantile q in ns, 0 when nothing was measured.</summary>
    public double Quantile(double q) => Latencies.IsEmpty ? 0 : Latencies.GetQuantile(q);

    public double Max => Latencies.IsEmpty ? 0 : Latencies.Max;
}
