using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Tracehound.Commands;
using Tracehound.Configuration;
using Tracehound.Hosting;

if (args.Length > 0 && args[0] == "logs")
{
    // Its own arguments (a FILE operand), so not the serve option catalog.
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupted.Cancel();
    };
    try
    {
        return await LogsCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error, interrupted.Token);
    }
    catch (OperationCanceledException)
    {
        return 130;
    }
}

if (args.Length > 0 && args[0] == "search")
{
    return await SearchCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

if (!CommandLine.TryParse(args, out var commandLine, out var parseError))
{
    await Console.Error.WriteLineAsync($"tracehound: {parseError}");
    return 2;
}

if (commandLine!.VersionRequested)
{
    Console.WriteLine(typeof(TracehoundServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
    return 0;
}

switch (commandLine.Command)
{
    case "help":
        Console.Write(HelpText.General());
        return 0;
    case "serve" when commandLine.HelpRequested:
        Console.Write(args.Length > 0 && args[0] == "serve" ? HelpText.Serve() : HelpText.General());
        return 0;
    case "serve":
        return await ServeAsync(commandLine);
    default:
        await Console.Error.WriteLineAsync($"tracehound: unknown command '{commandLine.Command}' (see tracehound --help)");
        return 2;
}

static async Task<int> ServeAsync(CommandLine commandLine)
{
    if (!TracehoundSettings.TryResolve(commandLine.Options, Environment.GetEnvironmentVariable, out var settings, out var error))
    {
        await Console.Error.WriteLineAsync($"tracehound: {error}");
        return 2;
    }

    using var loggerFactory = LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(settings!.LogLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
    });

    using var shutdown = new CancellationTokenSource();
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

    await using var server = new TracehoundServer(settings!, loggerFactory);
    try
    {
        await server.StartAsync(shutdown.Token);
    }
    catch (IOException ex)
    {
        // Typically a port already in use.
        loggerFactory.CreateLogger("Tracehound").LogCritical("cannot start: {Reason}", ex.Message);
        return 1;
    }

    try
    {
        await Task.Delay(Timeout.Infinite, shutdown.Token);
    }
    catch (OperationCanceledException)
    {
    }

    using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    await server.StopAsync(stopTimeout.Token);
    return 0;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        shutdown.Cancel();
    }
}
