using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Tracehound.Commands;

/// <summary>
/// <c>tracehound search '&lt;query&gt;'</c>: runs a span query against a running server's API
/// (<c>/api/v1/spans</c>, or <c>/api/v1/traces</c> with <c>--traces</c>) and prints a table or the JSON.
/// Exit codes: 0 found (or nothing found), 1 the server could not be reached or refused the query, 2 bad arguments.
/// </summary>
internal static class SearchCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (!SearchArguments.TryParse(args, DateTimeOffset.UtcNow, out var arguments, out var error))
        {
            await errors.WriteLineAsync($"tracehound search: {error}").ConfigureAwait(false);
            return 2;
        }

        if (arguments!.Help)
        {
            await output.WriteAsync(HelpText.Search()).ConfigureAwait(false);
            return 0;
        }

        var url = RequestUri(arguments);
        using var client = new HttpClient { Timeout = RequestTimeout };
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.GetAsync(url).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
        {
            await errors.WriteLineAsync($"tracehound search: cannot reach the server at {arguments.Server}: {ex.Message}").ConfigureAwait(false);
            await errors.WriteLineAsync("Is `tracehound serve` running there? Pass its API address with --server URL.").ConfigureAwait(false);
            return 1;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await errors.WriteAsync(ErrorText(arguments.Query, (int)response.StatusCode, body)).ConfigureAwait(false);
                return 1;
            }
        }

        if (arguments.Json)
        {
            await output.WriteLineAsync(body).ConfigureAwait(false);
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            await output.WriteAsync(arguments.Traces ? SearchTable.Traces(document.RootElement) : SearchTable.Spans(document.RootElement)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"tracehound search: the server's answer is not the expected JSON: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    public static Uri RequestUri(SearchArguments arguments)
    {
        var query = new StringBuilder("?query=").Append(Uri.EscapeDataString(arguments.Query));
        if (arguments.FromMillis is { } from)
        {
            query.Append("&from=").Append(from.ToString(CultureInfo.InvariantCulture));
        }

        if (arguments.ToMillis is { } to)
        {
            query.Append("&to=").Append(to.ToString(CultureInfo.InvariantCulture));
        }

        if (arguments.Limit is { } limit)
        {
            query.Append("&limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        }

        return new Uri(arguments.Server, (arguments.Traces ? "/api/v1/traces" : "/api/v1/spans") + query);
    }

    /// <summary>The server's reason, with a caret under the query when the server gave a position.</summary>
    private static string ErrorText(string query, int status, string body)
    {
        var text = new StringBuilder();
        string? reason = null;
        int? position = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                {
                    reason = e.GetString();
                }

                if (document.RootElement.TryGetProperty("position", out var p) && p.TryGetInt32(out var at))
                {
                    position = at;
                }
            }
        }
        catch (JsonException)
        {
        }

        text.Append(CultureInfo.InvariantCulture, $"tracehound search: the server answered {status}: {reason ?? body.Trim()}").AppendLine();
        if (position is { } column && column >= 1 && column <= query.Length + 1 && !query.Contains('\n', StringComparison.Ordinal))
        {
            text.Append("  ").AppendLine(query);
            text.Append("  ").Append(' ', column - 1).AppendLine("^");
        }

        return text.ToString();
    }
}
