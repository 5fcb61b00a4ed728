using System.Text.RegularExpressions;
using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps traces with a string attribute <c>key</c> equal to one of <c>values</c> (or, with
/// <c>enabled_regex_matching</c>, matching one of them as a regular expression); with
/// <c>invert_match</c>, keeps traces where no span matches — the collector's <c>string_attribute</c> policy.
/// </summary>
internal sealed class StringAttributePolicy : ITailSamplingPolicy
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly string _key;
    private readonly HashSet<string> _values;
    private readonly Regex[] _patterns;
    private readonly bool _invert;

    public StringAttributePolicy(string name, string key, IReadOnlyList<string> values, bool regex, bool invert)
    {
        Name = name;
        _key = key;
        _invert = invert;
        _values = regex ? [] : new HashSet<string>(values, StringComparer.Ordinal);
        _patterns = regex ? [.. values.Select(v => new Regex(v, RegexOptions.CultureInvariant, RegexTimeout))] : [];
    }

    public string Name { get; }

    public bool Samples(TailTrace trace, DateTimeOffset now) =>
        AttributeLookup.Any(trace, _key, Matches) != _invert;

    private bool Matches(AnyValue value)
    {
        if (value.Type != AnyValueType.String)
        {
            return false;
        }

        var text = value.AsString();
        if (_patterns.Length == 0)
        {
            return _values.Contains(text);
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}
