using System.Net;
using Microsoft.Extensions.Logging;
using Tracehound.Configuration;

namespace Tracehound.Tests.Configuration;

public sealed class TracehoundSettingsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void TryResolve_NothingGiven_UsesDefaultsOnLoopback()
    {
        var settings = Resolve([]);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 4317), settings.OtlpGrpc);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 4318), settings.OtlpHttp);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 16686), settings.Api);
        Assert.Equal(Path.GetFullPath("./tracehound-data"), settings.DataDirectory);
        Assert.Equal(32L * 1024 * 1024, settings.MaxBodyBytes);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
    }

    [Fact]
    public void TryResolve_BindAll_MovesDefaultsToAllInterfacesButKeepsExplicitHosts()
    {
        var settings = Resolve(new() { ["bind-all"] = "true", ["api"] = "127.0.0.1:9999" });
        Assert.Equal(IPAddress.Any, settings.OtlpGrpc!.Address);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 9999), settings.Api);
    }

    [Fact]
    public void TryResolve_CommandLineBeatsEnvironment()
    {
        var environment = new Dictionary<string, string> { ["TRACEHOUND_OTLP_HTTP"] = "127.0.0.1:5000", ["TRACEHOUND_DATA_DIR"] = "/tmp/from-env" };
        Assert.True(TracehoundSettings.TryResolve(new Dictionary<string, string> { ["otlp-http"] = ":6000" }, environment.GetValueOrDefault, out var settings, out var error), error);
        Assert.Equal(6000, settings!.OtlpHttp!.Port);
        Assert.Equal("/tmp/from-env", settings.DataDirectory);
    }

    [Fact]
    public void TryResolve_SettingsFile_IsReadBelowEnvironment()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "Tracehound": { "otlp-grpc": "127.0.0.1:7000", "bind-all": false, "max-queued-spans": 5 } }""");
            var settings = Resolve(new() { ["config"] = file });
            Assert.Equal(7000, settings.OtlpGrpc!.Port);
            Assert.Equal(5, settings.MaxQueuedSpans);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TryResolve_UnknownKeyInSettingsFile_FailsWithItsName()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "Tracehound": { "otlp-grcp": "127.0.0.1:7000" } }""");
            Assert.False(TracehoundSettings.TryResolve(new Dictionary<string, string> { ["config"] = file }, NoEnvironment, out _, out var error));
            Assert.Contains("otlp-grcp", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("otlp-grpc", "nowhere:1")]
    [InlineData("max-body-size", "huge")]
    [InlineData("max-queued-spans", "-1")]
    [InlineData("log-level", "loud")]
    [InlineData("bind-all", "maybe")]
    public void TryResolve_BadValue_FailsNamingTheOption(string option, string value)
    {
        Assert.False(TracehoundSettings.TryResolve(new Dictionary<string, string> { [option] = value }, NoEnvironment, out _, out var error));
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_Obfuscation_DefaultsLikeTheAgentAndCanBeTuned()
    {
        var defaults = Resolve([]).Obfuscation!;
        Assert.False(defaults.HttpRemoveQueryString);
        Assert.True(defaults.CreditCards);
        Assert.False(defaults.CreditCardsLuhn);

        var tuned = Resolve(new() { ["obfuscation-http-remove-query-string"] = "true", ["obfuscation-credit-cards"] = "luhn", ["obfuscation-sql-replace-digits"] = "true", ["operation-name-v1"] = "true" });
        Assert.True(tuned.Obfuscation!.HttpRemoveQueryString);
        Assert.True(tuned.Obfuscation.CreditCardsLuhn);
        Assert.True(tuned.Obfuscation.SqlReplaceDigits);
        Assert.True(tuned.OperationNameV1);

        Assert.Null(Resolve(new() { ["obfuscation"] = "off" }).Obfuscation);
    }

    [Theory]
    [InlineData("obfuscation", "sometimes")]
    [InlineData("obfuscation-credit-cards", "visa")]
    [InlineData("obfuscation-http-remove-path-digits", "yes please")]
    public void TryResolve_BadObfuscationValue_Fails(string option, string value) =>
        Assert.False(TracehoundSettings.TryResolve(new Dictionary<string, string> { [option] = value }, NoEnvironment, out _, out _));

    [Fact]
    public void CommandLine_OptionsAndFlags_AreParsed()
    {
        Assert.True(CommandLine.TryParse(["serve", "--otlp-grpc", ":0", "--bind-all", "--data-dir=/tmp/x"], out var commandLine, out var error), error);
        Assert.Equal("serve", commandLine!.Command);
        Assert.Equal(":0", commandLine.Options["otlp-grpc"]);
        Assert.Equal("true", commandLine.Options["bind-all"]);
        Assert.Equal("/tmp/x", commandLine.Options["data-dir"]);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("--data-dir")]
    [InlineData("serve", "stray")]
    public void CommandLine_BadArguments_FailWithAReason(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        Assert.NotEmpty(error);
    }

    private static TracehoundSettings Resolve(Dictionary<string, string> commandLine)
    {
        Assert.True(TracehoundSettings.TryResolve(commandLine, NoEnvironment, out var settings, out var error), error);
        return settings!;
    }
}
