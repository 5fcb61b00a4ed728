using System.Globalization;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.Otlp;

/// <summary>RFC 3339 timestamps (Go's <c>time.RFC3339Nano</c>, as api_v3 takes them) to unix nanoseconds.</summary>
internal static class Rfc3339
{
    public static long ParseUnixNanos(string text, string parameterName)
    {
        // .NET reads at most 7 fractional digits (100 ns ticks); Go writes up to 9. Keep the extra digits aside.
        var extraNanos = 0L;
        var parseable = text;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = end - dot - 1;
            if (digits > 9)
            {
                throw Malformed(text, parameterName);
            }

            if (digits > 7)
            {
                extraNanos = long.Parse(text.AsSpan(dot + 8, digits - 7), CultureInfo.InvariantCulture) * (digits == 8 ? 10 : 1);
                parseable = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        if (!DateTimeOffset.TryParseExact(
                parseable,
                ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var time))
        {
            throw Malformed(text, parameterName);
        }

        return ((time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100) + extraNanos;
    }

    private static QueryParameterException Malformed(string text, string parameterName) =>
        new($"malformed parameter {parameterName}: '{text}' is not an RFC 3339 time");
}
