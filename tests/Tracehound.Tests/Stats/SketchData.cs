namespace Tracehound.Tests.Stats;

/// <summary>Seeded random data of several shapes, and the exact quantile a DDSketch approximates.</summary>
internal static class SketchData
{
    public static readonly double[] Quantiles = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    public static readonly string[] Distributions =
        ["uniform", "exponential", "lognormal", "pareto", "milliseconds", "constant", "bimodal", "tiny"];

    public static IEnumerable<object[]> DistributionsAndSeeds(int seeds) =>
        from distribution in Distributions
        from seed in Enumerable.Range(1, seeds)
        select new object[] { distribution, seed };

    public static double[] Generate(string distribution, int seed, int count)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = distribution switch
            {
                "uniform" => 1 + (random.NextDouble() * 1e6),
                "exponential" => -Math.Log(1 - random.NextDouble()) * 5e6,
                "lognormal" => Math.Exp(12 + (3 * Normal(random))),
                "pareto" => 1000 / Math.Pow(1 - random.NextDouble(), 1 / 1.2),
                // Span durations as the end-to-end test sends them: 1..1000 ms in ns.
                "milliseconds" => random.Next(1, 1001) * 1_000_000.0,
                "constant" => 123_456_789,
                "bimodal" => random.Next(2) == 0 ? 50_000 + random.Next(1000) : 2e9 + random.Next(1_000_000),
                "tiny" => random.NextDouble() * 1e-6,
                _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
            };
        }
        return values;
    }

    /// <summary>The value at sorted position floor(q × (n − 1)), the "lower" quantile sketches-go approximates.</summary>
    public static double ExactQuantile(double[] sorted, double q) => sorted[(int)Math.Floor(q * (sorted.Length - 1))];

    public static bool WithinRelativeError(double expected, double actual, double relativeAccuracy) =>
        Math.Abs(actual - expected) <= (relativeAccuracy * Math.Abs(expected) * (1 + 1e-9)) + 1e-300;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
