namespace Tracehound.Processing.Stats;

/// <summary>
/// The logarithmic index mapping of Datadog's sketches-go (<c>mapping.LogarithmicMapping</c>), which is what the
/// trace agent's stats sketches use: gamma = (1 + a) / (1 - a), index(v) = floor(ln(v) / ln(gamma) + indexOffset),
/// and the value reported for a bin is its lower bound × (1 + a), which is within relative error a of every value
/// in [gamma^i, gamma^(i+1)). The paper writes the index as ceil(log_gamma(v)); sketches-go uses floor and shifts
/// the representative value instead, and we follow sketches-go so the protobuf form means the same to Datadog.
/// </summary>
internal sealed class LogarithmicMapping : IEquatable<LogarithmicMapping>
{
    /// <summary>The agent's stats sketches: relative accuracy 1% (pkg/trace/stats/statsraw.go).</summary>
    public static LogarithmicMapping Default { get; } = FromRelativeAccuracy(0.01);

    private const double SmallestNormalDouble = 2.2250738585072014E-308;

    private readonly double _multiplier;

    private LogarithmicMapping(double gamma, double indexOffset)
    {
        Gamma = gamma;
        IndexOffset = indexOffset;
        RelativeAccuracy = 1 - (2 / (1 + gamma));
        // Same formula as sketches-go: ln(gamma) via LogP1 is more precise for gamma close to 1.
        _multiplier = 1 / double.LogP1(gamma - 1);
        MinIndexableValue = Math.Max(
            Math.Exp(((int.MinValue - indexOffset) / _multiplier) + 1),
            SmallestNormalDouble * gamma);
        MaxIndexableValue = Math.Min(
            Math.Exp(((int.MaxValue - indexOffset) / _multiplier) - 1),
            Math.Exp(709.7) / (1 + RelativeAccuracy)); // stay clear of double overflow in Value()
    }

    public double Gamma { get; }

    public double IndexOffset { get; }

    public double RelativeAccuracy { get; }

    /// <summary>Values below this go to the sketch's zero count.</summary>
    public double MinIndexableValue { get; }

    public double MaxIndexableValue { get; }

    public static LogarithmicMapping FromRelativeAccuracy(double relativeAccuracy)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "The relative accuracy must be in (0, 1).");
        }
        return new LogarithmicMapping((1 + relativeAccuracy) / (1 - relativeAccuracy), 0);
    }

    /// <summary>A mapping read from an encoded sketch; gamma must be in (1, 2] (accuracy ≤ 1/3), offset finite.</summary>
    public static LogarithmicMapping FromGamma(double gamma, double indexOffset)
    {
        if (!(gamma > 1 && gamma <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (1, 2].");
        }
        if (!double.IsFinite(indexOffset) || Math.Abs(indexOffset) > 1 << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(indexOffset), indexOffset, "The index offset must be finite and within ±2^30.");
        }
        // Snap to the default instance so that sketches decoded from our own encoding merge with fresh ones.
        return gamma == Default.Gamma && indexOffset == 0 ? Default : new LogarithmicMapping(gamma, indexOffset);
    }

    /// <summary>The bin index of a value in [MinIndexableValue, MaxIndexableValue].</summary>
    public int Index(double value) => (int)Math.Floor((Math.Log(value) * _multiplier) + IndexOffset);

    /// <summary>The value reported for a bin: its lower bound × (1 + relative accuracy).</summary>
    public double Value(int index) => LowerBound(index) * (1 + RelativeAccuracy);

    public double LowerBound(int index) => Math.Exp((index - IndexOffset) / _multiplier);

    public bool Equals(LogarithmicMapping? other) =>
        other is not null && other.Gamma == Gamma && other.IndexOffset == IndexOffset;

    public override bool Equals(object? obj) => Equals(obj as LogarithmicMapping);

    public override int GetHashCode() => HashCode.Combine(Gamma, IndexOffset);
}
