namespace Tracehound.LoadGen;

/// <summary>Nearest-rank percentiles of measured latencies.</summary>
internal static class Percentiles
{
    public static double Of(List<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
