using System.Globalization;

namespace Tracehound.Commands;

/// <summary>
/// The arguments of <c>tracehound search '&lt;query&gt;' [--server URL] [--from T] [--to T] [--limit N]
/// [--traces] [--json]</c>. Times are unix milliseconds, an ISO 8601 date-time, <c>now</c>, or a
/// duration ago (<c>15m</c>, <c>2h</c>, <c>7d</c>).
/// </summary>
internal sealed record SearchArguments(string Query, Uri Server, long? FromMillis, long? ToMillis, int? Limit, bool Traces, bool Json, bool Help)
{
    public static readonly Uri DefaultServer = new("http://127.0.0.1:16686");

    public static bool TryParse(string[] args, DateTimeOffset now, out SearchArguments? parsed, out string error)
    {
        parsed = null;
        error = string.Empty;
        string? query = null;
        var server = DefaultServer;
        long? from = null, to = null;
        int? limit = null;
        bool traces = false, json = false, help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    break;
                case "--traces":
                    traces = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--server" or "--from" or "--to" or "--limit":
                    var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (value is null)
                    {
                        error = $"option '{arg}' needs a value";
                        return false;
                    }

                    if (!ApplyOption(arg, value, now, ref server, ref from, ref to, ref limit, out error))
                    {
                        return false;
                    }

                    break;
                case var _ when arg.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown option '{arg}' (see tracehound search --help)";
                    return false;
                default:
                    if (query is not null)
                    {
                        error = $"unexpected argument '{arg}': quote the whole query, e.g. tracehound search 'service:web status:error'";
                        return false;
                    }

                    query = args[i];
                    break;
            }
        }

        parsed = new SearchArguments(query ?? string.Empty, server, from, to, limit, traces, json, help);
        return true;
    }

    /// <summary>Unix milliseconds of a time as the user wrote it, or false with the reason.</summary>
    public static bool TryParseTime(string text, DateTimeOffset now, out long millis, out string error)
    {
        error = string.Empty;
        millis = 0;
        if (text == "now")
        {
            millis = now.ToUnixTimeMilliseconds();
            return true;
        }

        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out millis) || Fail(text, out error);
        }

        if (text.Length > 1 && char.IsAsciiLetter(text[^1]) && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? ago = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(amount * 7),
                _ => null,
            };
            if (ago is { } duration)
            {
                millis = (now - duration).ToUnixTimeMilliseconds();
                return true;
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            millis = time.ToUnixTimeMilliseconds();
            return true;
        }

        return Fail(text, out error);
    }

    private static bool Fail(string text, out string error)
    {
        error = $"'{text}' is not a time: use unix milliseconds, an ISO 8601 date-time, 'now', or an age such as 15m, 2h, 7d";
        return false;
    }

    private static bool ApplyOption(string name, string value, DateTimeOffset now, ref Uri server, ref long? from, ref long? to, ref int? limit, out string error)
    {
        error = string.Empty;
        switch (name)
        {
            case "--server":
                if (!Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value, UriKind.Absolute, out var uri)
                    || uri.Scheme is not ("http" or "https"))
                {
                    error = $"--server '{value}' is not an http(s) URL";
                    return false;
                }

                server = uri;
                return true;
            case "--limit":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    error = $"--limit '{value}' is not a positive whole number";
                    return false;
                }

                limit = n;
                return true;
            default:
                if (!TryParseTime(value, now, out var millis, out error))
                {
                    error = $"{name}: {error}";
                    return false;
                }

                if (name == "--from")
                {
                    from = millis;
                }
                else
                {
                    to = millis;
                }

                return true;
        }
    }
}
