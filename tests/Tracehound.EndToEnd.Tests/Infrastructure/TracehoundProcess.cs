using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real <c>tracehound serve</c> process on ports chosen by the OS (port 0), with its own data
/// directory. A separate process, so tests can SIGKILL it and restart it on the same data.
/// </summary>
internal sealed partial class TracehoundProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TracehoundProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    public Dictionary<string, Uri> Listeners { get; } = new(StringComparer.Ordinal);

    public Uri OtlpGrpc => Listeners["otlp-grpc"];

    public Uri OtlpHttp => Listeners["otlp-http"];

    public Uri Api => Listeners["api"];

    public Uri Datadog => Listeners["datadog"];

    public Uri Zipkin => Listeners["zipkin"];

    public Uri JaegerHttp => Listeners["jaeger-http"];

    /// <summary><c>udp://HOST:PORT</c> of the Jaeger agent port speaking Thrift compact.</summary>
    public Uri JaegerUdpCompact => Listeners["jaeger-udp-compact"];

    /// <summary><c>udp://HOST:PORT</c> of the Jaeger agent port speaking Thrift binary.</summary>
    public Uri JaegerUdpBinary => Listeners["jaeger-udp-binary"];

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static async Task<TracehoundProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TracehoundBinary.Path);
        info.ArgumentList.Add("serve");
        // Every listener on port 0: the defaults (4317, 9411, 6831, ...) may be taken by other servers on the machine.
        foreach (var arg in new[] { "--otlp-grpc", "127.0.0.1:0", "--otlp-http", "127.0.0.1:0", "--api", "127.0.0.1:0", "--datadog", "127.0.0.1:0",
            "--zipkin", "127.0.0.1:0", "--jaeger-http", "127.0.0.1:0", "--jaeger-udp-compact", "127.0.0.1:0", "--jaeger-udp-binary", "127.0.0.1:0",
            "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        // The test runner's own settings must not leak into the server.
        info.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new TracehoundProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException("tracehound exited before it was ready:\n" + server.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server._ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>kill -9: no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, then waits for the process to exit by itself; returns its exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException("kill(SIGTERM) failed");
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (InvalidOperationException)
            {
            }
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var listening = ListeningLine().Match(line);
        if (listening.Success)
        {
            lock (Listeners)
            {
                Listeners[listening.Groups[1].Value] = new Uri(listening.Groups[2].Value);
            }
        }
        else if (line.Contains("Tracehound is ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"listening (\S+) on (\S+)")]
    private static partial Regex ListeningLine();
}
