namespace Tracehound.Query.Parsing;

/// <summary>
/// Parses durations the way Jaeger does (Go's <c>time.ParseDuration</c>): one or more decimal
/// numbers, each with an optional fraction and a unit — <c>ns</c>, <c>us</c>/<c>µs</c>/<c>μs</c>,
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> — as in <c>300ms</c>, <c>1.5s</c>, <c>1h30m</c>; a bare
/// <c>0</c> is zero. Lookbacks also accept <c>d</c> (days) and <c>w</c> (weeks), as Jaeger UI offers
/// <c>2d</c>. Negative durations are rejected: none of the parameters has a use for them.
/// </summary>
internal static class DurationParser
{
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;
    private const long Week = 7 * Day;

    /// <summary>Nanoseconds of <paramref name="text"/>, or false with the reason.</summary>
    public static bool TryParseNanos(ReadOnlySpan<char> text, bool allowDaysAndWeeks, out long nanos, out string error)
    {
        nanos = 0;
        if (text.IsEmpty)
        {
            error = "empty duration";
            return false;
        }

        if (text[0] is '+')
        {
            text = text[1..];
        }
        else if (text[0] is '-')
        {
            error = "duration must not be negative";
            return false;
        }

        if (text is "0")
        {
            error = string.Empty;
            return true;
        }

        if (text.IsEmpty)
        {
            error = "missing number";
            return false;
        }

        decimal total = 0;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            var digits = 0;
            var seenDot = false;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || (text[numberLength] == '.' && !seenDot)))
            {
                if (text[numberLength] == '.')
                {
                    seenDot = true;
                }
                else
                {
                    digits++;
                }

                numberLength++;
            }

            if (digits == 0)
            {
                error = "expected a number";
                return false;
            }

            // More digits than a decimal holds cannot be a sensible duration.
            if (digits > 25 || !decimal.TryParse(text[..numberLength], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                error = "number out of range";
                return false;
            }

            text = text[numberLength..];
            var unitLength = 0;
            while (unitLength < text.Length && text[unitLength] != '.' && !char.IsAsciiDigit(text[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = "missing unit (ns, us, ms, s, m, h" + (allowDaysAndWeeks ? ", d, w)" : ")");
                return false;
            }

            var unit = UnitNanos(text[..unitLength], allowDaysAndWeeks);
            if (unit == 0)
            {
                error = $"unknown unit '{text[..unitLength]}'";
                return false;
            }

            text = text[unitLength..];
            if (number > (decimal)long.MaxValue / unit)
            {
                error = "duration out of range";
                return false;
            }

            total += number * unit;
            if (total > long.MaxValue)
            {
                error = "duration out of range";
                return false;
            }
        }

        nanos = (long)decimal.Truncate(total);
        error = string.Empty;
        return true;
    }

    /// <summary>Nanoseconds of a parameter, or <see cref="QueryParameterException"/> naming it.</summary>
    public static long ParseParameter(string value, string parameterName, bool allowDaysAndWeeks = false)
    {
        if (!TryParseNanos(value, allowDaysAndWeeks, out var nanos, out var error))
        {
            throw new QueryParameterException($"unable to parse param '{parameterName}': {error} in '{value}'");
        }

        return nanos;
    }

    private static long UnitNanos(ReadOnlySpan<char> unit, bool allowDaysAndWeeks) => unit switch
    {
        "ns" => 1,
        "us" or "µs" or "μs" => Microsecond,
        "ms" => Millisecond,
        "s" => Second,
        "m" => Minute,
        "h" => Hour,
        "d" when allowDaysAndWeeks => Day,
        "w" when allowDaysAndWeeks => Week,
        _ => 0,
    };
}
