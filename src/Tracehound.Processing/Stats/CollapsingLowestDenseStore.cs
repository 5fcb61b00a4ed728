namespace Tracehound.Processing.Stats;

/// <summary>
/// Bin counts for a contiguous range of indexes, like sketches-go's <c>CollapsingLowestDenseStore</c>.
/// The array grows to the range the indexes need plus an eighth (at least <see cref="MinSlack"/> bins) as indexes
/// arrive, so a sparse sketch of a few spans (most stats groups) holds little more than its range, while a growing
/// one still reallocates only O(log n) times; it never holds more than <see cref="MaxBinCount"/> bins. Past the
/// cap the lowest bins are collapsed: everything below (highest index − cap + 1) is added to that bin, so the
/// highest quantiles stay accurate and only the very lowest ones lose accuracy. With the agent's 2048 bins at 1%
/// that happens only when the largest value is more than gamma^2048 ≈ 4·10^17 times the smallest non-zero one,
/// which for nanosecond durations never occurs. Where a bin's mass ends up depends only on the final highest index,
/// not on the order of adds and merges, so merging is associative and commutative (up to float addition).
/// </summary>
internal sealed class CollapsingLowestDenseStore
{
    /// <summary>The agent's cap (pkg/trace/stats/statsraw.go: maxNumBins = 2048).</summary>
    public const int DefaultMaxBinCount = 2048;

    /// <summary>Spare bins added on each growth, at least (a sketch's first allocation is this many bins).</summary>
    private const int MinSlack = 8;

    private double[] _bins = [];
    private int _offset; // the index held by _bins[0]
    private int _minIndex;
    private int _maxIndex;

    public CollapsingLowestDenseStore(int maxBinCount = DefaultMaxBinCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBinCount, 1);
        MaxBinCount = maxBinCount;
    }

    public int MaxBinCount { get; }

    public double TotalCount { get; private set; }

    public bool IsEmpty => _bins.Length == 0;

    /// <summary>True once some mass has been folded into the lowest bin.</summary>
    public bool IsCollapsed { get; private set; }

    public int MinIndex => _minIndex;

    /// <summary>Bins allocated (≥ the range in use); what the store costs in memory, 8 bytes each.</summary>
    internal int Capacity => _bins.Length;

    public int MaxIndex => _maxIndex;

    public void Add(int index, double count)
    {
        if (count == 0)
        {
            return;
        }
        // Normalize first: it may replace _bins, and `_bins[Normalize(index)]` would read the old array.
        var position = Normalize(index);
        _bins[position] += count;
        TotalCount += count;
    }

    /// <summary>The counts of bins MinIndex..MaxIndex, in order (empty when the store is empty).</summary>
    public ReadOnlySpan<double> Counts => IsEmpty ? [] : _bins.AsSpan(_minIndex - _offset, _maxIndex - _minIndex + 1);

    public void MergeFrom(CollapsingLowestDenseStore other)
    {
        if (other.IsEmpty)
        {
            return;
        }
        // Make room for the whole range first so the copy below reshapes at most once.
        Normalize(other._maxIndex);
        for (var position = other._minIndex - other._offset; position <= other._maxIndex - other._offset; position++)
        {
            Add(position + other._offset, other._bins[position]);
        }
        IsCollapsed |= other.IsCollapsed;
    }

    /// <summary>The index of the bin holding the given 0-based rank (the first whose cumulative count exceeds it).</summary>
    public int KeyAtRank(double rank)
    {
        var cumulative = 0.0;
        for (var position = _minIndex - _offset; position <= _maxIndex - _offset; position++)
        {
            cumulative += _bins[position];
            if (cumulative > rank)
            {
                return position + _offset;
            }
        }
        return _maxIndex;
    }

    public CollapsingLowestDenseStore Copy()
    {
        var copy = new CollapsingLowestDenseStore(MaxBinCount)
        {
            _bins = (double[])_bins.Clone(),
            _offset = _offset,
            _minIndex = _minIndex,
            _maxIndex = _maxIndex,
            TotalCount = TotalCount,
            IsCollapsed = IsCollapsed,
        };
        return copy;
    }

    /// <summary>The array position for an index, growing or collapsing the range as needed.</summary>
    private int Normalize(int index)
    {
        if (_bins.Length == 0)
        {
            _bins = new double[Math.Min(MinSlack, MaxBinCount)];
            _offset = (int)Math.Max(int.MinValue, (long)index - (_bins.Length / 2));
            _offset = (int)Math.Min(_offset, (long)int.MaxValue - _bins.Length + 1);
            _minIndex = index;
            _maxIndex = index;
            return index - _offset;
        }
        if (index >= _minIndex && index <= _maxIndex)
        {
            return index - _offset;
        }
        if (index < _minIndex)
        {
            if ((long)_maxIndex - index + 1 > MaxBinCount)
            {
                // Below the lowest bin the cap allows: collapse into it.
                var lowest = _maxIndex - MaxBinCount + 1;
                Reshape(lowest, _maxIndex, growDown: true);
                IsCollapsed = true;
                return lowest - _offset;
            }
            Reshape(index, _maxIndex, growDown: true);
            return index - _offset;
        }
        var newMin = (int)Math.Max(_minIndex, (long)index - MaxBinCount + 1);
        Reshape(newMin, index, growDown: false);
        return index - _offset;
    }

    /// <summary>
    /// Makes the array cover [newMin, newMax] (newMin ≥ the current minimum only when collapsing, in which case the
    /// bins below newMin are folded into it). Reallocates only when the current array does not cover the range.
    /// </summary>
    private void Reshape(int newMin, int newMax, bool growDown)
    {
        var folded = 0.0;
        if (newMin > _minIndex)
        {
            var stop = Math.Min(newMin - 1, _maxIndex);
            for (var index = _minIndex; index <= stop; index++)
            {
                folded += _bins[index - _offset];
                _bins[index - _offset] = 0;
            }
            IsCollapsed |= folded != 0;
        }
        var oldMin = _minIndex;
        var oldMax = _maxIndex;
        if (newMin < _offset || (long)newMax > (long)_offset + _bins.Length - 1)
        {
            var needed = (long)newMax - newMin + 1;
            var length = (int)Math.Min(MaxBinCount, needed + Math.Max(MinSlack, needed / 8));
            length = (int)Math.Max(length, needed);
            long offset = growDown ? (long)newMax - length + 1 : newMin;
            offset = Math.Clamp(offset, int.MinValue, (long)int.MaxValue - length + 1);
            var bins = new double[length];
            var copyFrom = Math.Max(oldMin, newMin);
            for (long index = copyFrom; index <= oldMax; index++)
            {
                bins[index - offset] = _bins[index - _offset];
            }
            _bins = bins;
            _offset = (int)offset;
        }
        _minIndex = newMin;
        _maxIndex = newMax;
        _bins[newMin - _offset] += folded;
    }
}
