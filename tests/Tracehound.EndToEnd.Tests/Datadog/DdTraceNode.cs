using System.Diagnostics;
using System.Text.Json;

namespace Tracehound.EndToEnd.Tests.Datadog;

/// <summary>
/// The Node project in Datadog/node (dd-trace 5.132.0 pinned by its lock file): installed with
/// <c>npm ci</c> on first use when node_modules is missing, then run against a server.
/// </summary>
internal static class DdTraceNode
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The project folder in the source tree (the tests run from bin/, the script stays in the repo).</summary>
    public static string Folder { get; } = FindFolder();

    public static async Task<JsonElement> SendAsync(Uri agent, string protocol)
    {
        await EnsureInstalledAsync();
        var (code, stdout, stderr) = await RunAsync("node", ["dd-send.js", protocol], agent);
        Assert.True(code == 0, $"dd-send.js {protocol} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "dd-trace")))
            {
                return;
            }

            var (code, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null);
            Assert.True(code == 0, $"npm ci failed ({code})\n{stdout}\n{stderr}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] args, Uri? agent)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A clean tracer environment: only what the script sets.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DD_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        if (agent is not null)
        {
            info.Environment["DD_TRACE_AGENT_URL"] = agent.ToString().TrimEnd('/');
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Tracehound.EndToEnd.Tests", "Datadog", "node");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Tracehound.EndToEnd.Tests/Datadog/node not found above " + AppContext.BaseDirectory);
    }
}
