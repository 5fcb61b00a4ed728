using System.Text.Json;
using System.Text.RegularExpressions;
using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Reads tail-sampling policies written like the collector's <c>tail_sampling.policies</c>: a
/// JSON array (or <c>{"policies": [...]}</c>) of
/// <c>{"name": "...", "type": "latency|status_code|string_attribute|numeric_attribute|probabilistic|rate_limiting", "&lt;type&gt;": {...}}</c>.
/// Errors name the policy and the field.
/// </summary>
internal static class TailSamplingPolicyParser
{
    public static ITailSamplingPolicy[] Parse(string json, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"tail-sampling policies are not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("policies", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            {
                throw new FormatException("tail-sampling policies must be a non-empty JSON array of policies");
            }

            var policies = new List<ITailSamplingPolicy>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                policies.Add(ParsePolicy(element, index++, now));
            }

            return [.. policies];
        }
    }

    private static ITailSamplingPolicy ParsePolicy(JsonElement element, int index, DateTimeOffset now)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"tail-sampling policy #{index + 1} is not an object");
        }

        var type = String(element, "type", null, $"policy #{index + 1}");
        var name = String(element, "name", $"{type}-{index + 1}", $"policy #{index + 1}");
        var where = $"policy '{name}'";
        // The settings live under a property named like the type (the collector's layout); flat also works.
        var settings = element.TryGetProperty(type, out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : element;
        switch (type)
        {
            case "latency":
                return new LatencyPolicy(name, (long)Number(settings, "threshold_ms", null, where), (long)Number(settings, "upper_threshold_ms", 0, where));
            case "status_code":
                var codes = Strings(settings, "status_codes", where).Select(code => code switch
                {
                    "ERROR" => StatusCode.Error,
                    "OK" => StatusCode.Ok,
                    "UNSET" => StatusCode.Unset,
                    _ => throw new FormatException($"{where}: status code '{code}' is not ERROR, OK or UNSET"),
                }).ToHashSet();
                return new StatusCodePolicy(name, codes);
            case "string_attribute":
                var values = Strings(settings, "values", where);
                var regex = Bool(settings, "enabled_regex_matching", where);
                try
                {
                    return new StringAttributePolicy(name, String(settings, "key", null, where), values, regex, Bool(settings, "invert_match", where));
                }
                catch (ArgumentException ex) when (regex)
                {
                    throw new FormatException($"{where}: bad regular expression: {ex.Message}", ex);
                }

            case "numeric_attribute":
                var min = Number(settings, "min_value", double.NegativeInfinity, where);
                var max = Number(settings, "max_value", double.PositiveInfinity, where);
                if (min > max)
                {
                    throw new FormatException($"{where}: min_value is above max_value");
                }

                return new NumericAttributePolicy(name, String(settings, "key", null, where), min, max, Bool(settings, "invert_match", where));
            case "probabilistic":
                var percentage = Number(settings, "sampling_percentage", null, where);
                if (percentage is < 0 or > 100)
                {
                    throw new FormatException($"{where}: sampling_percentage must be between 0 and 100");
                }

                return new ProbabilisticPolicy(name, percentage, String(settings, "hash_salt", string.Empty, where));
            case "rate_limiting":
                var spansPerSecond = Number(settings, "spans_per_second", null, where);
                if (spansPerSecond <= 0)
                {
                    throw new FormatException($"{where}: spans_per_second must be positive");
                }

                return new RateLimitingPolicy(name, spansPerSecond, now);
            default:
                throw new FormatException($"{where}: unknown type '{type}' (latency, status_code, string_attribute, numeric_attribute, probabilistic, rate_limiting)");
        }
    }

    private static string String(JsonElement element, string property, string? fallback, string where)
    {
        if (element.TryGetProperty(property, out var value))
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{where}: {property} must be a string");
        }

        return fallback ?? throw new FormatException($"{where}: {property} is required");
    }

    private static double Number(JsonElement element, string property, double? fallback, string where)
    {
        if (element.TryGetProperty(property, out var value))
        {
            return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new FormatException($"{where}: {property} must be a number");
        }

        return fallback ?? throw new FormatException($"{where}: {property} is required");
    }

    private static bool Bool(JsonElement element, string property, string where) =>
        !element.TryGetProperty(property, out var value) ? false
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new FormatException($"{where}: {property} must be true or false");

    private static string[] Strings(JsonElement element, string property, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new FormatException($"{where}: {property} must be a non-empty array of strings");
        }

        return [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{where}: {property} must hold strings"))];
    }
}
