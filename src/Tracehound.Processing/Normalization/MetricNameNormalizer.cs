namespace Tracehound.Processing.Normalization;

/// <summary>
/// The agent's metric-name normalization, used for operation names: leading non-letters skipped,
/// ASCII letters, digits and <c>.</c> kept (case kept), every other run one <c>_</c>, no <c>_</c>
/// next to a <c>.</c>, no trailing <c>_</c>; a name without letters is invalid.
/// </summary>
internal static class MetricNameNormalizer
{
    public static bool TryNormalize(string name, out string normalized)
    {
        normalized = string.Empty;
        var start = 0;
        while (start < name.Length && !char.IsAsciiLetter(name[start]))
        {
            start++;
        }

        if (start == name.Length)
        {
            return false;
        }

        if (start == 0 && IsNormalized(name))
        {
            normalized = name;
            return true;
        }

        Span<char> result = name.Length - start <= 256 ? stackalloc char[name.Length - start] : new char[name.Length - start];
        var length = 0;
        result[length++] = name[start];
        for (var i = start + 1; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                result[length++] = c;
            }
            else if (c == '.')
            {
                if (result[length - 1] == '_')
                {
                    result[length - 1] = '.';
                }
                else
                {
                    result[length++] = '.';
                }
            }
            else if (result[length - 1] is not ('.' or '_'))
            {
                result[length++] = '_';
            }
        }

        if (result[length - 1] == '_')
        {
            length--;
        }

        normalized = new string(result[..length]);
        return true;
    }

    private static bool IsNormalized(string name)
    {
        var previous = '\0';
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                previous = c;
                continue;
            }

            if ((c == '.' && previous != '_') || (c == '_' && previous is not ('.' or '_')))
            {
                previous = c;
                continue;
            }

            return false;
        }

        return previous != '_';
    }
}
