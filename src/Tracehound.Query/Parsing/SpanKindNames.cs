using Tracehound.Model;

namespace Tracehound.Query.Parsing;

/// <summary>Span kinds as the lowercase words Jaeger and Tracehound's API use.</summary>
internal static class SpanKindNames
{
    /// <summary>The word for a kind; <paramref name="unspecified"/> for <see cref="SpanKind.Unspecified"/> (Jaeger uses "").</summary>
    public static string ToName(SpanKind kind, string unspecified) => kind switch
    {
        SpanKind.Internal => "internal",
        SpanKind.Server => "server",
        SpanKind.Client => "client",
        SpanKind.Producer => "producer",
        SpanKind.Consumer => "consumer",
        _ => unspecified,
    };

    /// <summary>
    /// Parses a span-kind filter. Missing or empty means every kind (null); the words above, any
    /// case, and "unspecified" name one kind; anything else is a malformed parameter.
    /// </summary>
    public static SpanKind? ParseFilter(string? value, string parameterName)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.ToLowerInvariant() switch
        {
            "internal" => SpanKind.Internal,
            "server" => SpanKind.Server,
            "client" => SpanKind.Client,
            "producer" => SpanKind.Producer,
            "consumer" => SpanKind.Consumer,
            "unspecified" => SpanKind.Unspecified,
            _ => throw new QueryParameterException(
                $"unable to parse param '{parameterName}': unknown span kind '{value}' (expected server, client, producer, consumer, internal or unspecified)"),
        };
    }
}
