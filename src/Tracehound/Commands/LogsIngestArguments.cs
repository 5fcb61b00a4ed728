using System.Globalization;

namespace Tracehound.Commands;

/// <summary>The arguments of <c>tracehound logs ingest</c>.</summary>
internal sealed class LogsIngestArguments
{
    public string Input { get; private set; } = string.Empty;

    /// <summary>The intake URL: <c>--server</c> with <c>/api/v2/logs</c> when it names no path, and <c>?ddtags=</c> from <c>--tags</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string? Service { get; private set; }

    public string? Source { get; private set; }

    public int BatchSize { get; private set; } = LogShipper.MaxEntries;

    public bool HelpRequested { get; private set; }

    public static bool TryParse(ReadOnlySpan<string> args, out LogsIngestArguments? parsed, out string error)
    {
        var result = new LogsIngestArguments();
        parsed = result;
        error = string.Empty;
        var server = LogsCommand.DefaultServer;
        string? tags = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                result.HelpRequested = true;
                error = "help";
                return false;
            }

            if (arg == "-" || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (result.Input.Length > 0)
                {
                    error = $"unexpected argument '{arg}': give one FILE, or - for standard input";
                    return false;
                }

                result.Input = arg;
                continue;
            }

            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }

            if (value is null)
            {
                error = $"option '{name}' needs a value";
                return false;
            }

            switch (name)
            {
                case "--server":
                    server = value;
                    break;
                case "--service":
                    result.Service = value;
                    break;
                case "--source":
                    result.Source = value;
                    break;
                case "--tags":
                    tags = value;
                    break;
                case "--batch-size":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > LogShipper.MaxEntries)
                    {
                        error = $"--batch-size '{value}' is not a number from 1 to {LogShipper.MaxEntries}";
                        return false;
                    }

                    result.BatchSize = size;
                    break;
                default:
                    error = $"unknown option '{name}' (see tracehound logs --help)";
                    return false;
            }
        }

        if (result.Input.Length == 0)
        {
            error = "logs ingest needs a FILE, or - for standard input";
            return false;
        }

        if (!Uri.TryCreate(server.Contains("://", StringComparison.Ordinal) ? server : "http://" + server, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            error = $"--server '{server}' is not an http(s) URL";
            return false;
        }

        var builder = new UriBuilder(uri);
        if (builder.Path is "" or "/")
        {
            builder.Path = "/api/v2/logs";
        }

        if (tags is not null)
        {
            builder.Query = "ddtags=" + Uri.EscapeDataString(tags);
        }

        result.Endpoint = builder.Uri;
        return true;
    }
}
