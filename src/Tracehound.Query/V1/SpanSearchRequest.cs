using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// The parameters shared by span search, facets and trace summaries: <c>query</c> (span query
/// syntax), <c>from</c>/<c>to</c> (unix milliseconds, inclusive, open when missing) and <c>limit</c>.
/// </summary>
internal sealed record SpanSearchRequest(SpanQueryNode Query, Func<Span, bool> Matches, SpanSearch Search, int Limit)
{
    /// <summary>Reads the request; throws <see cref="QueryParameterException"/> with the reason.</summary>
    public static SpanSearchRequest Parse(HttpContext context, int defaultLimit, int maxLimit)
    {
        var parameters = context.Request.Query;
        var query = SpanQueryParser.Parse(parameters["query"].FirstOrDefault());
        var limit = ParseLimit(parameters["limit"].FirstOrDefault(), defaultLimit, maxLimit);
        var search = SpanQueryPushdown.Apply(query, new SpanSearch
        {
            StartTimeMinUnixNano = Millis(parameters["from"].FirstOrDefault(), "from") ?? long.MinValue,
            StartTimeMaxUnixNano = Millis(parameters["to"].FirstOrDefault(), "to") ?? long.MaxValue,
        });
        return new SpanSearchRequest(query, SpanQueryMatcher.Compile(query), search, limit);
    }

    /// <summary>
    /// Reads the request as <see cref="Parse"/> does; when it is malformed, answers 400 with the reason
    /// (<see cref="WriteErrorAsync"/>) and returns null, so an endpoint just returns.
    /// </summary>
    public static async Task<SpanSearchRequest?> ReadOrRejectAsync(HttpContext context, int defaultLimit, int maxLimit)
    {
        try
        {
            return Parse(context, defaultLimit, maxLimit);
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, ex).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Writes <c>{"error":"...","position":N}</c> with status 400 (position only for query syntax errors).</summary>
    public static async Task WriteErrorAsync(HttpContext context, QueryParameterException error)
    {
        await using var response = Http.JsonResponse.Start(context, StatusCodes.Status400BadRequest);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("error", error.Message);
        if (error.Position is { } position)
        {
            response.Writer.WriteNumber("position", position);
        }

        response.Writer.WriteEndObject();
    }

    internal static int ParseLimit(string? text, int defaultLimit, int maxLimit)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, maxLimit)
            : throw new QueryParameterException($"limit '{text}' is not a positive whole number");
    }

    internal static long? Millis(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < long.MaxValue / 1_000_000
            ? millis * 1_000_000
            : throw new QueryParameterException($"{name} '{text}' is not unix milliseconds");
    }
}
