using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tracehound.Commands;

/// <summary>Plain-text tables of span and trace search results, one row per hit, columns padded to fit.</summary>
internal static class SearchTable
{
    private const int MaxCell = 60;

    public static string Spans(JsonElement root)
    {
        var rows = new List<string[]> { new[] { "TIME (UTC)", "SERVICE", "OPERATION", "RESOURCE", "DURATION", "STATUS", "TRACE ID" } };
        foreach (var span in root.GetProperty("spans").EnumerateArray())
        {
            var datadog = span.TryGetProperty("datadog", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
            var error = datadog is { } view ? view.GetProperty("error").GetInt32() != 0 : span.GetProperty("status").GetProperty("code").GetString() == "error";
            rows.Add(
            [
                Time(span.GetProperty("start").GetInt64()),
                datadog?.GetProperty("service").GetString() ?? ResourceService(span),
                datadog?.GetProperty("name").GetString() ?? span.GetProperty("name").GetString() ?? string.Empty,
                datadog?.GetProperty("resource").GetString() ?? span.GetProperty("name").GetString() ?? string.Empty,
                Duration(span.GetProperty("duration").GetInt64()),
                error ? "error" : "ok",
                span.GetProperty("traceId").GetString() ?? string.Empty,
            ]);
        }

        return Render(rows, rows.Count == 1 ? "No spans match." : $"{rows.Count - 1} span(s), newest first.");
    }

    public static string Traces(JsonElement root)
    {
        var rows = new List<string[]> { new[] { "START (UTC)", "ROOT SERVICE", "ROOT RESOURCE", "DURATION", "SPANS", "ERRORS", "MATCHED", "TRACE ID" } };
        foreach (var trace in root.GetProperty("traces").EnumerateArray())
        {
            rows.Add(
            [
                Time(trace.GetProperty("start").GetInt64()),
                trace.GetProperty("rootService").GetString() ?? string.Empty,
                trace.GetProperty("rootResource").GetString() ?? string.Empty,
                Duration(trace.GetProperty("duration").GetInt64()),
                trace.GetProperty("spanCount").GetInt32().ToString(CultureInfo.InvariantCulture),
                trace.GetProperty("errorCount").GetInt32().ToString(CultureInfo.InvariantCulture),
                trace.GetProperty("matchedSpans").GetInt32().ToString(CultureInfo.InvariantCulture),
                trace.GetProperty("traceId").GetString() ?? string.Empty,
            ]);
        }

        return Render(rows, rows.Count == 1 ? "No traces match." : $"{rows.Count - 1} trace(s), newest first.");
    }

    /// <summary>A duration in the largest unit that keeps it at least 1, three significant digits.</summary>
    public static string Duration(long nanos) => nanos switch
    {
        >= 1_000_000_000 => (nanos / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "s",
        >= 1_000_000 => (nanos / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "ms",
        >= 1_000 => (nanos / 1e3).ToString("0.###", CultureInfo.InvariantCulture) + "us",
        _ => nanos.ToString(CultureInfo.InvariantCulture) + "ns",
    };

    private static string Time(long unixNanos) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixNanos / 1_000_000).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string ResourceService(JsonElement span) =>
        span.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object
            && resource.TryGetProperty("service.name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() ?? string.Empty
            : string.Empty;

    private static string Render(List<string[]> rows, string footer)
    {
        var text = new StringBuilder();
        if (rows.Count > 1)
        {
            var widths = new int[rows[0].Length];
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = Cell(row[i]);
                    widths[i] = Math.Max(widths[i], row[i].Length);
                }
            }

            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
                }

                text.AppendLine();
            }
        }

        return text.AppendLine(footer).ToString();
    }

    /// <summary>One line, at most <see cref="MaxCell"/> characters.</summary>
    private static string Cell(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxCell ? text : text[..(MaxCell - 3)] + "...";
    }
}
