using System.Text;

namespace Tracehound.Query.Parsing;

/// <summary>
/// A value pattern: <c>*</c> matches any run of characters (also none), <c>?</c> exactly one; every
/// other character (including an escaped <c>\*</c> or <c>\?</c>) matches itself.
/// </summary>
internal sealed class WildcardPattern : IEquatable<WildcardPattern>
{
    private const char AnyRun = '*';
    private const char AnyOne = '?';

    private readonly string _chars;
    private readonly bool[] _wild;

    /// <param name="chars">The pattern's characters, escapes resolved.</param>
    /// <param name="wild">Per character: whether it is a wildcard (an unescaped <c>*</c> or <c>?</c>).</param>
    public WildcardPattern(string chars, bool[] wild)
    {
        if (chars.Length != wild.Length)
        {
            throw new ArgumentException("one flag per character", nameof(wild));
        }

        _chars = chars;
        _wild = wild;
    }

    /// <summary>The pattern as it would be written unquoted: literal <c>*</c>, <c>?</c> and <c>\</c> escaped.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder(_chars.Length);
            for (var i = 0; i < _chars.Length; i++)
            {
                if (!_wild[i] && _chars[i] is AnyRun or AnyOne or '\\')
                {
                    text.Append('\\');
                }

                text.Append(_chars[i]);
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// Whether the whole of <paramref name="value"/> matches. Greedy with one backtrack point (the last
    /// <c>*</c>), so it is linear-times-pattern at worst and never exponential.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> value, bool ignoreCase = false)
    {
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < _chars.Length && _wild[p] && _chars[p] == AnyRun)
            {
                starP = p++;
                starV = v;
            }
            else if (p < _chars.Length && ((_wild[p] && _chars[p] == AnyOne) || Same(_chars[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (p < _chars.Length && _wild[p] && _chars[p] == AnyRun)
        {
            p++;
        }

        return p == _chars.Length;
    }

    public bool Equals(WildcardPattern? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as WildcardPattern);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
