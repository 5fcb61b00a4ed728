namespace Tracehound.Processing.Stats;

/// <summary>How the agent prepares a duration for its sketches (pkg/trace/stats/statsraw.go, nsTimestampToFloat).</summary>
public static class StatsDuration
{
    /// <summary>
    /// Keeps the sign, the exponent and the top 9 stored mantissa bits (10 significant bits with the implicit one):
    /// the value is within 1/1024 below the exact one, well inside the sketch's 1 % accuracy, and sketches of the
    /// same durations get the same bins as the agent's.
    /// </summary>
    public static double Round(double nanos)
    {
        var bits = BitConverter.DoubleToInt64Bits(nanos);
        bits &= unchecked((long)0xfffff80000000000UL);
        return BitConverter.Int64BitsToDouble(bits);
    }
}
