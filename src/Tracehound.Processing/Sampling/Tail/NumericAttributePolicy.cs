using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps traces with a numeric attribute <c>key</c> in [<c>min_value</c>, <c>max_value</c>]; with
/// <c>invert_match</c>, traces where no span's value is in range — the collector's
/// <c>numeric_attribute</c> policy (integers and doubles both count).
/// </summary>
internal sealed class NumericAttributePolicy(string name, string key, double min, double max, bool invert) : ITailSamplingPolicy
{
    public string Name { get; } = name;

    public bool Samples(TailTrace trace, DateTimeOffset now) =>
        AttributeLookup.Any(trace, key, InRange) != invert;

    private bool InRange(AnyValue value) => value.Type switch
    {
        AnyValueType.Int => value.AsInt() >= min && value.AsInt() <= max,
        AnyValueType.Double => value.AsDouble() >= min && value.AsDouble() <= max,
        _ => false,
    };
}
