using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.Jaeger.Metrics;

/// <summary>
/// Jaeger's metrics query parameters (cmd/query/app/query_parser.go, parseMetricsQueryParams): <c>service</c>
/// (required, repeatable), <c>groupByOperation</c>, <c>spanKind</c> (repeatable or comma-separated; default
/// server), <c>endTs</c> (unix ms, default now), <c>lookback</c>, <c>step</c>, <c>ratePer</c> (ms; defaults 1 h,
/// 5 s, 10 min) and, for latencies, <c>quantile</c> in (0, 1].
/// </summary>
internal sealed record JaegerMetricsRequest(
    IReadOnlyList<string> Services,
    bool GroupByOperation,
    IReadOnlySet<string> SpanKinds,
    long EndMillis,
    long LookbackMillis,
    long StepMillis,
    long RatePerMillis,
    double Quantile)
{
    private static readonly Dictionary<string, string> s_kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unspecified"] = string.Empty, ["SPAN_KIND_UNSPECIFIED"] = string.Empty,
        ["internal"] = "internal", ["SPAN_KIND_INTERNAL"] = "internal",
        ["server"] = "server", ["SPAN_KIND_SERVER"] = "server",
        ["client"] = "client", ["SPAN_KIND_CLIENT"] = "client",
        ["producer"] = "producer", ["SPAN_KIND_PRODUCER"] = "producer",
        ["consumer"] = "consumer", ["SPAN_KIND_CONSUMER"] = "consumer",
    };

    /// <exception cref="QueryParameterException">A parameter is missing or malformed.</exception>
    public static JaegerMetricsRequest Parse(IQueryCollection query, DateTimeOffset now, bool needsQuantile)
    {
        var services = query["service"].SelectMany(s => (s ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.StartsWith("service=", StringComparison.Ordinal) ? s["service=".Length..] : s)
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (services.Count == 0)
        {
            throw new QueryParameterException("unable to parse param 'service': please provide at least one service name");
        }

        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in query["spanKind"].SelectMany(k => (k ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            kinds.Add(s_kinds.TryGetValue(kind, out var name) ? name : throw new QueryParameterException($"unable to parse param 'spanKind': unsupported span kind: '{kind}'"));
        }

        if (kinds.Count == 0)
        {
            kinds.Add("server");
        }

        var quantile = 0.0;
        if (needsQuantile)
        {
            var text = query["quantile"].FirstOrDefault();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out quantile) || !(quantile > 0 && quantile <= 1))
            {
                throw new QueryParameterException($"unable to parse param 'quantile': '{text}' is not a number in (0, 1]");
            }
        }

        return new JaegerMetricsRequest(
            services,
            Bool(query["groupByOperation"].FirstOrDefault()),
            kinds,
            Millis(query, "endTs", now.ToUnixTimeMilliseconds()),
            Positive(query, "lookback", 3_600_000),
            Positive(query, "step", 5_000),
            Positive(query, "ratePer", 600_000),
            quantile);
    }

    private static bool Bool(string? text) => text switch
    {
        null or "" => false,
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new QueryParameterException($"unable to parse param 'groupByOperation': '{text}' is not a boolean"),
    };

    private static long Millis(IQueryCollection query, string name, long fallback)
    {
        var text = query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) < long.MaxValue / 2_000_000
            ? value
            : throw new QueryParameterException($"unable to parse param '{name}': '{text}' is not a whole number of milliseconds");
    }

    private static long Positive(IQueryCollection query, string name, long fallback)
    {
        var value = Millis(query, name, fallback);
        return value > 0 ? value : throw new QueryParameterException($"unable to parse param '{name}': it must be positive");
    }
}
