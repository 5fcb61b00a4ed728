namespace Tracehound.Processing.Stats;

/// <summary>
/// A DDSketch (Masson, Rim, Lee, VLDB 2019) of non-negative values such as span durations, laid out like the trace
/// agent's stats sketches: logarithmic mapping with 1% relative accuracy (<see cref="LogarithmicMapping"/>), a zero
/// count, and a positive-value dense store capped at 2048 bins that collapses its lowest bins past the cap
/// (<see cref="CollapsingLowestDenseStore"/>). Quantiles are within 1% relative error of the exact lower quantile
/// (the value at sorted position floor(q × (count − 1))) as long as the store has not collapsed. Counts are weighted
/// (doubles), so 1 / _sample_rate weights add up as the agent's do. Min, max and sum are tracked exactly and
/// quantiles are clamped to [min, max]. Not thread-safe.
/// </summary>
public sealed class DDSketch
{
    private readonly LogarithmicMapping _mapping;
    private readonly CollapsingLowestDenseStore _store;

    /// <summary>An empty sketch with the agent's parameters (relative accuracy 1%, at most 2048 bins).</summary>
    public DDSketch()
        : this(LogarithmicMapping.Default, new CollapsingLowestDenseStore())
    {
    }

    /// <summary>An empty sketch with another accuracy or bin cap (sketches merge only with the same accuracy).</summary>
    public DDSketch(double relativeAccuracy, int maxBinCount = CollapsingLowestDenseStore.DefaultMaxBinCount)
        : this(LogarithmicMapping.FromRelativeAccuracy(relativeAccuracy), new CollapsingLowestDenseStore(maxBinCount))
    {
    }

    internal DDSketch(LogarithmicMapping mapping, CollapsingLowestDenseStore store)
    {
        _mapping = mapping;
        _store = store;
    }

    /// <summary>The default relative accuracy, as in the agent (pkg/trace/stats/statsraw.go).</summary>
    public const double DefaultRelativeAccuracy = 0.01;

    public double RelativeAccuracy => _mapping.RelativeAccuracy;

    /// <summary>Gamma = (1 + a) / (1 − a): each bin covers [gamma^i, gamma^(i+1)).</summary>
    public double Gamma => _mapping.Gamma;

    public int MaxBinCount => _store.MaxBinCount;

    /// <summary>Total weight added, zero values included.</summary>
    public double Count => ZeroCount + _store.TotalCount;

    /// <summary>Weight of the values too small to index (0, and anything below ~1e-308).</summary>
    public double ZeroCount { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>True when the bin cap forced the lowest bins together, so the lowest quantiles may be off.</summary>
    public bool IsCollapsed => _store.IsCollapsed;

    /// <summary>Smallest value added; NaN when empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Largest value added; NaN when empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Sum of value × weight.</summary>
    public double Sum { get; private set; }

    internal LogarithmicMapping Mapping => _mapping;

    internal CollapsingLowestDenseStore Store => _store;

    /// <summary>Adds a value (≥ 0, finite) with a weight (≥ 0, finite; 0 is ignored).</summary>
    public void Add(double value, double weight = 1)
    {
        if (!(value >= 0) || value > _mapping.MaxIndexableValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Values must be in [0, {_mapping.MaxIndexableValue}].");
        }
        if (!(weight >= 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be finite and non-negative.");
        }
        if (weight == 0)
        {
            return;
        }
        if (value < _mapping.MinIndexableValue)
        {
            ZeroCount += weight;
        }
        else
        {
            _store.Add(_mapping.Index(value), weight);
        }
        Sum += value * weight;
        Min = double.IsNaN(Min) ? value : Math.Min(Min, value);
        Max = double.IsNaN(Max) ? value : Math.Max(Max, value);
    }

    /// <summary>Adds every value of another sketch with the same relative accuracy; the other is unchanged.</summary>
    public void Merge(DDSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!_mapping.Equals(other._mapping))
        {
            throw new ArgumentException(
                $"Cannot merge sketches with different index mappings (gamma {_mapping.Gamma} vs {other._mapping.Gamma}, " +
                $"offset {_mapping.IndexOffset} vs {other._mapping.IndexOffset}).", nameof(other));
        }
        if (other.IsEmpty)
        {
            return;
        }
        _store.MergeFrom(other._store);
        ZeroCount += other.ZeroCount;
        Sum += other.Sum;
        Min = double.IsNaN(Min) ? other.Min : Math.Min(Min, other.Min);
        Max = double.IsNaN(Max) ? other.Max : Math.Max(Max, other.Max);
    }

    /// <summary>
    /// Merges a sketch that may use another index mapping (a tracer's client-computed stats with another accuracy):
    /// each of its bins is added at its representative value, so the result's relative error can reach about the
    /// sum of both accuracies. With the same mapping this is exactly <see cref="Merge"/>.
    /// </summary>
    public void MergeRebinning(DDSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_mapping.Equals(other._mapping))
        {
            Merge(other);
            return;
        }
        if (other.IsEmpty)
        {
            return;
        }
        var counts = other._store.IsEmpty ? [] : other._store.Counts;
        for (var i = 0; i < counts.Length; i++)
        {
            var value = Math.Min(other._mapping.Value(other._store.MinIndex + i), _mapping.MaxIndexableValue);
            if (value < _mapping.MinIndexableValue)
            {
                ZeroCount += counts[i];
            }
            else
            {
                _store.Add(_mapping.Index(value), counts[i]);
            }
        }
        ZeroCount += other.ZeroCount;
        Sum += other.Sum;
        Min = double.IsNaN(Min) ? other.Min : Math.Min(Min, other.Min);
        Max = double.IsNaN(Max) ? other.Max : Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at quantile q in [0, 1] (sketches-go's GetValueAtQuantile: rank q × (count − 1), the bin holding
    /// that rank, its representative value), clamped to [Min, Max]; NaN when the sketch is empty.
    /// </summary>
    public double GetQuantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be in [0, 1].");
        }
        var count = Count;
        if (count == 0)
        {
            return double.NaN;
        }
        var rank = q * (count - 1);
        if (rank < ZeroCount || _store.IsEmpty)
        {
            return Min; // the zero bucket's values are all ≤ the smallest indexable value, and Min is one of them
        }
        var value = _mapping.Value(_store.KeyAtRank(rank - ZeroCount));
        return Math.Clamp(value, Min, Max);
    }

    public DDSketch Copy() => new(_mapping, _store.Copy())
    {
        ZeroCount = ZeroCount,
        Min = Min,
        Max = Max,
        Sum = Sum,
    };

    /// <summary>Restores the exact summary statistics after decoding (see <see cref="DDSketchCodec"/>).</summary>
    internal void SetSummary(double zeroCount, double min, double max, double sum)
    {
        ZeroCount = zeroCount;
        Min = min;
        Max = max;
        Sum = sum;
    }
}
