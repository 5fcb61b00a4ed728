using System.Globalization;
using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.Parsing;

/// <summary>
/// Reads the trace id forms people paste: OpenTelemetry's 32 hex digits, Jaeger's hex without
/// leading zeros, Datadog's 16 hex digits (low 64 bits) and Datadog's decimal <c>dd.trace_id</c>.
/// </summary>
/// <remarks>
/// Rules (docs/API.md repeats them):
/// <list type="number">
/// <item>17 to 32 hex digits: the full 128-bit id (left-padded with zeros).</item>
/// <item>1 to 16 hex digits: the trace whose low 64 bits are that value, whatever its high bits.
/// This one lookup serves both Jaeger's short form of an id whose high half is zero and Datadog's
/// low-64 form of a 128-bit id.</item>
/// <item>If the string is all decimal digits and fits an unsigned 64-bit number, and the hex lookup
/// finds nothing, the trace whose low 64 bits equal that decimal number. Hex wins when both
/// readings exist, because a decimal id that also reads as an existing hex id is vanishingly unlikely
/// while hex is the common form.</item>
/// <item>Anything else, and the all-zero id, is malformed.</item>
/// </list>
/// </remarks>
internal static class TraceIdParser
{
    public const string FormsDescription = "expected 1 to 32 hex digits or a decimal unsigned 64-bit number";

    public static bool TryParse(ReadOnlySpan<char> text, out TraceIdRequest request, out string error)
    {
        request = default;
        if (text.IsEmpty)
        {
            error = "trace ID is empty";
            return false;
        }

        TraceLookup? decimalLookup = null;
        if (text.Length <= 20 && IsAllDigits(text) &&
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var decimalLow) && decimalLow != 0)
        {
            decimalLookup = TraceLookup.ByLow64(decimalLow);
        }

        if (!TraceId.TryParseHex(text, out var id))
        {
            error = $"malformed trace ID '{text}': {FormsDescription}";
            return false;
        }

        if (id.IsEmpty)
        {
            error = "trace ID must not be zero";
            return false;
        }

        var hexLookup = text.Length <= 16 ? TraceLookup.ByLow64(id.Low) : TraceLookup.Full(id);

        // "1".."9" read the same in both bases; a second identical lookup would be wasted.
        if (decimalLookup == hexLookup)
        {
            decimalLookup = null;
        }

        request = new TraceIdRequest(hexLookup, decimalLookup);
        error = string.Empty;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="QueryParameterException"/>.</summary>
    public static TraceIdRequest Parse(string text, string parameterName)
    {
        if (!TryParse(text, out var request, out var error))
        {
            throw new QueryParameterException($"unable to parse param '{parameterName}': {error}");
        }

        return request;
    }

    /// <summary>Runs the lookups of <paramref name="request"/> in order; null when none finds a trace.</summary>
    public static async Task<TraceData?> FindAsync(ITraceStore store, TraceIdRequest request, CancellationToken cancellationToken)
    {
        var trace = await store.GetTraceAsync(request.Lookup, cancellationToken).ConfigureAwait(false);
        if (trace is null && request.DecimalFallback is { } fallback)
        {
            trace = await store.GetTraceAsync(fallback, cancellationToken).ConfigureAwait(false);
        }

        return trace;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
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
}
