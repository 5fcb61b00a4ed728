using System.Diagnostics;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests;

/// <summary><c>tracehound --help</c> explains every option; bad options fail fast with a reason.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    public async Task Help_ListsEveryOption(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--otlp-grpc", "--otlp-http", "--datadog", "--zipkin", "--jaeger-http", "--jaeger-udp-compact", "--jaeger-udp-binary", "--api", "--bind-all", "--data-dir", "--max-body-size", "--store-memory-limit", "--max-queued-spans", "--obfuscation", "--obfuscation-http-remove-query-string", "--obfuscation-http-remove-path-digits", "--obfuscation-credit-cards", "--obfuscation-sql-replace-digits", "--operation-name-v1", "--log-level", "--config" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--otlp-grpc", "127.0.0.1:99999")]
    [InlineData("--max-body-size", "lots")]
    [InlineData("frobnicate")]
    public async Task BadArguments_ExitWithCode2AndAReason(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("tracehound:", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(TracehoundBinary.Path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
