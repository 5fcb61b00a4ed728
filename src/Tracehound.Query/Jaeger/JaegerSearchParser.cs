using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// Reads Jaeger's search parameters (cmd/query/app/query_parser.go): <c>service</c> (required unless
/// <c>traceID</c> is given), <c>operation</c>, <c>tag</c>/<c>tags</c>, <c>minDuration</c>/<c>maxDuration</c>,
/// <c>start</c>/<c>end</c> in unix microseconds, <c>lookback</c>, <c>limit</c>, repeated <c>traceID</c>.
/// </summary>
internal static class JaegerSearchParser
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 1500;

    public static JaegerSearchRequest Parse(IQueryCollection query, DateTimeOffset now)
    {
        var ids = new List<(string, TraceIdRequest)>();
        foreach (var text in query["traceID"])
        {
            if (!string.IsNullOrEmpty(text))
            {
                ids.Add((text, TraceIdParser.Parse(text, "traceID")));
            }
        }

        if (ids.Count > 0)
        {
            return new JaegerSearchRequest(null, ids);
        }

        var service = Optional(query, "service");
        if (service is null)
        {
            throw new QueryParameterException("parameter 'service' is required");
        }

        var operation = Optional(query, "operation");
        var tags = TagParser.Parse(query["tag"], query["tags"]);

        long? minDuration = Optional(query, "minDuration") is { } min ? DurationParser.ParseParameter(min, "minDuration") : null;
        long? maxDuration = Optional(query, "maxDuration") is { } max ? DurationParser.ParseParameter(max, "maxDuration") : null;
        if (minDuration is > 0 && maxDuration is > 0 && maxDuration < minDuration)
        {
            throw new QueryParameterException("'maxDuration' should be greater than 'minDuration'");
        }

        var end = Optional(query, "end") is { } endText ? ParseMicros(endText, "end") : (long?)null;
        var start = Optional(query, "start") is { } startText ? ParseMicros(startText, "start") : (long?)null;

        // Jaeger UI sends start/end computed from the lookback and the lookback itself; when start is
        // missing the lookback counts back from end (or now). With neither, Jaeger bounds the search to
        // two days; Tracehound searches everything (the store returns the most recent traces first).
        if (start is null && Optional(query, "lookback") is { } lookback && lookback != "custom")
        {
            var span = DurationParser.ParseParameter(lookback, "lookback", allowDaysAndWeeks: true);
            var from = end ?? ToUnixNanos(now);
            start = from - span < 0 ? 0 : from - span;
        }

        if (start is not null && end is not null && start > end)
        {
            throw new QueryParameterException("'start' must not be after 'end'");
        }

        return new JaegerSearchRequest(
            new TraceQuery
            {
                ServiceName = service,
                OperationName = operation,
                Tags = tags,
                MinDurationNanos = minDuration is > 0 ? minDuration : null,
                MaxDurationNanos = maxDuration is > 0 ? maxDuration : null,
                StartTimeMinUnixNano = start,
                StartTimeMaxUnixNano = end,
                Limit = ParseLimit(Optional(query, "limit")),
            },
            []);
    }

    /// <summary>Missing or non-positive: the default; above <see cref="MaxLimit"/>: capped.</summary>
    public static int ParseLimit(string? text)
    {
        if (text is null)
        {
            return DefaultLimit;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            throw new QueryParameterException($"unable to parse param 'limit': '{text}' is not an integer");
        }

        return limit <= 0 ? DefaultLimit : (int)Math.Min(limit, MaxLimit);
    }

    /// <summary>Unix microseconds to unix nanoseconds.</summary>
    public static long ParseMicros(string text, string parameterName)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
        {
            throw new QueryParameterException($"unable to parse param '{parameterName}': '{text}' is not unix microseconds");
        }

        if (micros > long.MaxValue / 1000)
        {
            throw new QueryParameterException($"unable to parse param '{parameterName}': '{text}' is out of range");
        }

        return micros * 1000;
    }

    public static long ToUnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>The first value of a parameter (Go's <c>FormValue</c>), null when missing or empty.</summary>
    private static string? Optional(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }
}
