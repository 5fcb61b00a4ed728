using System.Text;

namespace Tracehound.Processing.Normalization;

/// <summary>Byte-length limits as the agent counts them (UTF-8), cut on a character boundary.</summary>
internal static class Utf8Truncation
{
    public static bool IsLonger(string value, int maxBytes) =>
        value.Length > maxBytes || (value.Length * 3 > maxBytes && Encoding.UTF8.GetByteCount(value) > maxBytes);

    /// <summary>The longest prefix of at most <paramref name="maxBytes"/> UTF-8 bytes that does not split a character.</summary>
    public static string Truncate(string value, int maxBytes)
    {
        if (!IsLonger(value, maxBytes))
        {
            return value;
        }

        var bytes = 0;
        var i = 0;
        while (i < value.Length)
        {
            int width;
            int chars;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                width = 4;
                chars = 2;
            }
            else
            {
                width = value[i] < 0x80 ? 1 : value[i] < 0x800 ? 2 : 3;
                chars = 1;
            }

            if (bytes + width > maxBytes)
            {
                break;
            }

            bytes += width;
            i += chars;
        }

        return value[..i];
    }
}
