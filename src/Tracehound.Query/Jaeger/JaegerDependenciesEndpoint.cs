using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Query.Http;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// <c>/api/dependencies?endTs=&amp;lookback=</c> (both unix milliseconds, as Jaeger UI's System
/// Architecture view and Grafana's node graph send them): <c>data</c> is
/// <c>[{"parent","child","callCount"}]</c>, the service graph of the window.
/// </summary>
internal static class JaegerDependenciesEndpoint
{
    /// <summary>Jaeger's default window when <c>lookback</c> is missing.</summary>
    private const long DefaultLookbackMillis = 24 * 60 * 60 * 1000;

    public static async Task GetAsync(HttpContext context)
    {
        long endNanos;
        long startNanos;
        try
        {
            var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
            var endMillis = Millis(context.Request.Query["endTs"].FirstOrDefault(), "endTs") ?? now;
            var lookbackMillis = Millis(context.Request.Query["lookback"].FirstOrDefault(), "lookback") ?? DefaultLookbackMillis;
            endNanos = checked(endMillis * 1_000_000);
            startNanos = checked((endMillis - lookbackMillis) * 1_000_000);
        }
        catch (QueryParameterException ex)
        {
            await JaegerApiEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (OverflowException)
        {
            await JaegerApiEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "endTs or lookback is out of range").ConfigureAwait(false);
            return;
        }

        var links = await JaegerApiEndpoints.Store(context).GetDependenciesAsync(startNanos, endNanos, context.RequestAborted).ConfigureAwait(false);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        JaegerEnvelope.WriteStart(writer);
        writer.WriteStartArray();
        foreach (var link in links)
        {
            writer.WriteStartObject();
            writer.WriteString("parent", link.Parent);
            writer.WriteString("child", link.Child);
            writer.WriteNumber("callCount", link.CallCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        JaegerEnvelope.WriteEnd(writer, links.Count, null);
    }

    private static long? Millis(string? text, string parameterName)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < long.MaxValue / 1_000_000
            ? millis
            : throw new QueryParameterException($"unable to parse param '{parameterName}': '{text}' is not unix milliseconds");
    }
}
