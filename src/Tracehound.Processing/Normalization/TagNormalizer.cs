using System.Text;

namespace Tracehound.Processing.Normalization;

/// <summary>
/// The agent's tag normalization (service, env, tag values): lowercase, letters, digits, <c>:</c>,
/// <c>.</c>, <c>/</c>, <c>-</c> kept, every run of anything else (including <c>_</c> runs) one
/// <c>_</c>, a trailing <c>_</c> dropped, at most 200 characters. Already-valid ASCII is returned
/// as is, without allocating.
/// </summary>
internal static class TagNormalizer
{
    public const int MaxTagLength = 200;

    /// <summary>A full tag or env value: also strips leading characters until the first letter or <c>:</c>.</summary>
    public static string NormalizeTag(string value) => Normalize(value, trimToLetter: true);

    /// <summary>A tag value (service, peer.service): leading digits are kept.</summary>
    public static string NormalizeTagValue(string value) => Normalize(value, trimToLetter: false);

    private static string Normalize(string value, bool trimToLetter)
    {
        if (value.Length == 0 || IsNormalizedAscii(value, trimToLetter))
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxTagLength * 2));
        var chars = 0;
        var started = !trimToLetter;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in value.EnumerateRunes())
        {
            if (chars >= MaxTagLength)
            {
                break;
            }

            var r = Rune.ToLowerInvariant(rune);
            if (Rune.IsLetter(r) || r.Value == ':')
            {
                started = true;
            }
            else if (!started)
            {
                continue;
            }
            else if (!Rune.IsDigit(r) && r.Value is not ('.' or '/' or '-'))
            {
                chars++;
                if (builder.Length == 0 || builder[^1] != '_')
                {
                    builder.Append('_');
                }

                continue;
            }

            chars++;
            var written = r.EncodeToUtf16(buffer);
            builder.Append(buffer[..written]);
        }

        while (builder.Length > 0 && builder[^1] == '_')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    private static bool IsNormalizedAscii(string value, bool trimToLetter)
    {
        if (value.Length > MaxTagLength)
        {
            return false;
        }

        if (trimToLetter && !IsStartChar(value[0]))
        {
            return false;
        }

        var previous = '\0';
        foreach (var c in value)
        {
            var valid = IsStartChar(c) || char.IsAsciiDigit(c) || c is '.' or '/' or '-' || (c == '_' && previous != '_');
            if (!valid)
            {
                return false;
            }

            previous = c;
        }

        return previous != '_';
    }

    private static bool IsStartChar(char c) => c is (>= 'a' and <= 'z') or ':';
}
