using System.Globalization;
using System.Threading.Channels;

namespace Tracehound.Commands;

/// <summary>
/// <c>tracehound logs ingest FILE|- [--server URL]</c>: reads JSON lines (a file, or standard input
/// as it is written), turns each into a log entry (<see cref="JsonLogLine"/>) and sends them to a
/// running server's Datadog log intake. Exit code 0 when every line was accepted, 1 when some were
/// refused or the server could not be reached, 2 for a usage error.
/// </summary>
internal static class LogsCommand
{
    public const string DefaultServer = "http://127.0.0.1:8126";

    /// <summary>With input trickling in (a live app piped in), what is read is sent after this much quiet.</summary>
    private static readonly TimeSpan IdleFlush = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(string[] args, TextReader standardInput, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteAsync(HelpText.Logs()).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] != "ingest")
        {
            await errors.WriteLineAsync($"tracehound: unknown logs command '{args[0]}' (see tracehound logs --help)").ConfigureAwait(false);
            return 2;
        }

        if (!LogsIngestArguments.TryParse(args.AsSpan(1), out var options, out var error))
        {
            if (options?.HelpRequested == true)
            {
                await output.WriteAsync(HelpText.Logs()).ConfigureAwait(false);
                return 0;
            }

            await errors.WriteLineAsync($"tracehound: {error}").ConfigureAwait(false);
            return 2;
        }

        TextReader input;
        try
        {
            input = options!.Input == "-" ? standardInput : new StreamReader(options.Input);
        }
        catch (IOException ex)
        {
            await errors.WriteLineAsync($"tracehound: cannot read '{options!.Input}': {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            await errors.WriteLineAsync($"tracehound: cannot read '{options!.Input}': {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var shipper = new LogShipper(client, options!.Endpoint, options.BatchSize, errors);
        var notJson = new List<long>();
        long notJsonCount = 0;
        long read = 0;
        try
        {
            var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { SingleReader = true, SingleWriter = true });
            var producer = ReadLinesAsync(input, lines.Writer, cancellationToken);
            long lineNumber = 0;
            while (true)
            {
                if (!lines.Reader.TryRead(out var line))
                {
                    var more = lines.Reader.WaitToReadAsync(cancellationToken).AsTask();
                    if (shipper.HasPending && await Task.WhenAny(more, Task.Delay(IdleFlush, cancellationToken)).ConfigureAwait(false) != more)
                    {
                        await shipper.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (!await more.ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                read++;
                var entry = JsonLogLine.ToEntry(line, options.Service, options.Source, out var isJson);
                if (!isJson)
                {
                    notJsonCount++;
                    if (notJson.Count < 20)
                    {
                        notJson.Add(lineNumber);
                    }
                }

                await shipper.AddAsync(lineNumber, entry, cancellationToken).ConfigureAwait(false);
            }

            await producer.ConfigureAwait(false);
            await shipper.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!ReferenceEquals(input, standardInput))
            {
                input.Dispose();
            }
        }

        var summary = $"tracehound logs ingest: {read} lines read, {shipper.Sent} sent, {shipper.Refused} refused";
        if (notJsonCount > 0)
        {
            summary += $"; {notJsonCount} not JSON, sent as plain messages (line {Numbers(notJson, notJsonCount)})";
        }

        await errors.WriteLineAsync(summary).ConfigureAwait(false);
        if (shipper.Refused > 0)
        {
            await errors.WriteLineAsync($"refused: line {Numbers(shipper.RefusedLines, shipper.Refused)}; last reason: {shipper.LastError}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static string Numbers(List<long> shown, long total)
    {
        var text = string.Join(", ", shown.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        return total > shown.Count ? text + ", ..." : text;
    }

    private static async Task ReadLinesAsync(TextReader input, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                await lines.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lines.Complete();
        }
    }
}
