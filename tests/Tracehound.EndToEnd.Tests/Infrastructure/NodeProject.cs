using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Node project of the end-to-end tests (its package-lock.json pins the real clients): installed
/// with <c>npm ci</c> on first use when node_modules lacks <see cref="MarkerModule"/>, then its
/// scripts are run with a clean tracer environment and their last stdout line read as JSON.
/// </summary>
internal sealed class NodeProject
{
    /// <summary>One per folder, not per instance: test classes that share a folder (Datadog/node) must not run <c>npm ci</c> over each other.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_installLocks = new(StringComparer.Ordinal);

    /// <param name="relativeFolder">The folder under tests/Tracehound.EndToEnd.Tests, e.g. <c>Datadog/node</c>.</param>
    /// <param name="markerModule">A module whose presence in node_modules means the project is installed.</param>
    public NodeProject(string relativeFolder, string markerModule)
    {
        Folder = FindFolder(relativeFolder);
        MarkerModule = markerModule;
    }

    /// <summary>The project folder in the source tree (the tests run from bin/, the scripts stay in the repo).</summary>
    public string Folder { get; }

    public string MarkerModule { get; }

    /// <summary>Runs <c>node SCRIPT ARGS</c>; asserts exit code 0 and returns the last stdout line as JSON.</summary>
    public async Task<JsonElement> RunScriptAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        await EnsureInstalledAsync();
        var (code, stdout, stderr) = await RunAsync("node", [script, .. args], environment);
        Assert.True(code == 0, $"{script} {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async Task EnsureInstalledAsync()
    {
        var installLock = s_installLocks.GetOrAdd(Folder, _ => new SemaphoreSlim(1, 1));
        await installLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", MarkerModule)))
            {
                return;
            }

            var (code, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null);
            Assert.True(code == 0, $"npm ci in {Folder} failed ({code})\n{stdout}\n{stderr}");
        }
        finally
        {
            installLock.Release();
        }
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] args, IReadOnlyDictionary<string, string>? environment)
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

        // A clean tracer environment: only what the caller sets.
        string[] tracerPrefixes = ["DD_", "OTEL_", "JAEGER_", "ZIPKIN_"];
        foreach (var key in info.Environment.Keys.Where(k => tracerPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindFolder(string relativeFolder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Tracehound.EndToEnd.Tests", relativeFolder);
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Tracehound.EndToEnd.Tests/{relativeFolder} not found above {AppContext.BaseDirectory}");
    }
}
