namespace Tracehound.Processing.Stats;

/// <summary>
/// The figures of one aggregation key in one bucket: weighted hits, errors, top-level hits, the weighted sum of
/// durations (ns), and DDSketches of the ok and the error durations. Counts are doubles because weights
/// (1 / _sample_rate) need not be whole. Not thread-safe (the concentrator serializes access).
/// </summary>
public sealed class StatsGroup
{
    public double Hits { get; private set; }

    public double Errors { get; private set; }

    public double TopLevelHits { get; private set; }

    /// <summary>Sum of duration × weight, in nanoseconds.</summary>
    public double Duration { get; private set; }

    public DDSketch OkSketch { get; private set; } = new();

    public DDSketch ErrorSketch { get; private set; } = new();

    public void AddSpan(double durationNanos, double weight, bool error, bool topLevel)
    {
        Hits += weight;
        if (topLevel)
        {
            TopLevelHits += weight;
        }

        Duration += durationNanos * weight;
        if (error)
        {
            Errors += weight;
            ErrorSketch.Add(StatsDuration.Round(durationNanos), weight);
        }
        else
        {
            OkSketch.Add(StatsDuration.Round(durationNanos), weight);
        }
    }

    /// <summary>Adds counts and sketches computed elsewhere (a tracer's client stats, a stored row); sketches of another accuracy are rebinned.</summary>
    public void AddAggregate(double hits, double errors, double topLevelHits, double duration, DDSketch? ok, DDSketch? error)
    {
        Hits += hits;
        Errors += errors;
        TopLevelHits += topLevelHits;
        Duration += duration;
        if (ok is not null)
        {
            OkSketch.MergeRebinning(ok);
        }

        if (error is not null)
        {
            ErrorSketch.MergeRebinning(error);
        }
    }

    public void Merge(StatsGroup other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddAggregate(other.Hits, other.Errors, other.TopLevelHits, other.Duration, other.OkSketch, other.ErrorSketch);
    }

    public StatsGroup Copy() => new()
    {
        Hits = Hits,
        Errors = Errors,
        TopLevelHits = TopLevelHits,
        Duration = Duration,
        OkSketch = OkSketch.Copy(),
        ErrorSketch = ErrorSketch.Copy(),
    };
}
