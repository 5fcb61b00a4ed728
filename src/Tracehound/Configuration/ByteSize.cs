using System.Globalization;

namespace Tracehound.Configuration;

/// <summary>Parses sizes such as <c>32MiB</c>, <c>64MB</c>, <c>512k</c> or <c>1048576</c> (binary units either way).</summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var span = text.Trim();
        var end = 0;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || span[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(span[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long multiplier = span[end..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (multiplier == 0 || number * multiplier > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(number * multiplier);
        return bytes > 0;
    }
}
