using System.Globalization;
using Tracehound.Model;

namespace Tracehound.Processing.Logs;

/// <summary>
/// Reads trace and span ids as logging libraries write them: OpenTelemetry's lowercase hex (32 and
/// 16 digits) and Datadog's decimal of the low 64 bits (<c>dd.trace_id</c>, <c>dd.span_id</c>).
/// </summary>
internal static class LogIdText
{
    /// <summary>
    /// 32 hex digits: the full id. All decimal digits (≤ 20, fits 64 bits): the low 64 bits only.
    /// Otherwise up to 16 hex digits: the low 64 bits only. The all-zero id is no id.
    /// </summary>
    public static bool TryParseTraceId(AnyValue value, out TraceId id, out bool lowBitsOnly)
    {
        id = default;
        lowBitsOnly = true;
        switch (value.Type)
        {
            case AnyValueType.Int when value.AsInt() > 0:
                id = new TraceId(0, (ulong)value.AsInt());
                return true;
            case AnyValueType.String:
                var text = value.AsString().AsSpan().Trim();
                if (text.Length == 32 && IsHex(text) && TraceId.TryParseHex(text, out id))
                {
                    lowBitsOnly = false;
                    return !id.IsEmpty;
                }

                if (TryParseDecimal(text, out var low) || (text.Length <= 16 && IsHex(text) && TryParseHex(text, out low)))
                {
                    id = new TraceId(0, low);
                    return low != 0;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Datadog names (<paramref name="decimalFirst"/>) read all-digit text as decimal; OpenTelemetry
    /// names read exactly 16 hex digits as hex first (an OTel id may happen to hold no letter).
    /// </summary>
    public static bool TryParseSpanId(AnyValue value, bool decimalFirst, out SpanId id)
    {
        id = default;
        ulong parsed;
        switch (value.Type)
        {
            case AnyValueType.Int when value.AsInt() > 0:
                id = new SpanId((ulong)value.AsInt());
                return true;
            case AnyValueType.String:
                var text = value.AsString().AsSpan().Trim();
                var ok = decimalFirst
                    ? TryParseDecimal(text, out parsed) || (text.Length <= 16 && IsHex(text) && TryParseHex(text, out parsed))
                    : (text.Length == 16 && IsHex(text) && TryParseHex(text, out parsed)) || TryParseDecimal(text, out parsed)
                        || (text.Length < 16 && IsHex(text) && TryParseHex(text, out parsed));
                id = new SpanId(ok ? parsed : 0);
                return ok && parsed != 0;
            default:
                return false;
        }
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return text.Length is > 0 and <= 20 && IsDigits(text) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseHex(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
