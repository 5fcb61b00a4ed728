namespace Tracehound.Query.Stats;

/// <summary>
/// The stored resolutions: the concentrator's 10 s buckets and two rollups (5 min, 1 h) kept up to date by the
/// flusher, so a day of one service reads ~24 hourly rows per key instead of 8,640.
/// </summary>
internal static class StatsResolution
{
    public const long Base = 10_000_000_000;

    /// <summary>Largest first.</summary>
    public static readonly long[] Rollups = [3_600_000_000_000, 300_000_000_000];

    /// <summary>Covers [start, end) with the coarsest buckets that fit inside it, finer ones at the edges (bucket starts in range).</summary>
    public static void Plan(long start, long end, List<(long Resolution, long Start, long End)> segments, int rollup = 0)
    {
        if (start >= end)
        {
            return;
        }

        if (rollup >= Rollups.Length)
        {
            segments.Add((Base, start, end));
            return;
        }

        var size = Rollups[rollup];
        var first = CeilTo(start, size);
        var last = FloorTo(end, size);
        if (first >= last)
        {
            Plan(start, end, segments, rollup + 1);
            return;
        }

        Plan(start, first, segments, rollup + 1);
        segments.Add((size, first, last));
        Plan(last, end, segments, rollup + 1);
    }

    public static long FloorTo(long value, long size) => value - (((value % size) + size) % size);

    public static long CeilTo(long value, long size)
    {
        var floor = FloorTo(value, size);
        return floor == value ? value : floor + size;
    }
}
