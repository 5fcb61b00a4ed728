using System.Net;
using Tracehound.Configuration;

namespace Tracehound.Tests.Jaeger;

/// <summary>The Zipkin and Jaeger listener options: their default ports, and how to move or switch them off.</summary>
public sealed class OpenTracingListenerSettingsTests
{
    [Fact]
    public void TryResolve_NothingGiven_ZipkinAndJaegerOnTheirStandardPorts()
    {
        Assert.True(TracehoundSettings.TryResolve(new Dictionary<string, string>(), _ => null, out var settings, out var error), error);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 9411), settings!.Zipkin);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 14268), settings.JaegerHttp);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 6831), settings.JaegerUdpCompact);
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 6832), settings.JaegerUdpBinary);
    }

    [Fact]
    public void TryResolve_OffAndEnvironment_SwitchOffOrMoveListeners()
    {
        var environment = new Dictionary<string, string> { ["TRACEHOUND_JAEGER_UDP_BINARY"] = "127.0.0.1:7000" };
        var commandLine = new Dictionary<string, string> { ["zipkin"] = "off", ["jaeger-udp-compact"] = "none", ["jaeger-http"] = ":0" };
        Assert.True(TracehoundSettings.TryResolve(commandLine, environment.GetValueOrDefault, out var settings, out var error), error);
        Assert.Null(settings!.Zipkin);
        Assert.Null(settings.JaegerUdpCompact);
        Assert.Equal(0, settings.JaegerHttp!.Port);
        Assert.Equal(7000, settings.JaegerUdpBinary!.Port);
    }

    [Fact]
    public void TryResolve_BadJaegerAddress_FailsWithTheOptionName()
    {
        Assert.False(TracehoundSettings.TryResolve(new Dictionary<string, string> { ["jaeger-udp-binary"] = "nowhere:1:2" }, _ => null, out _, out var error));
        Assert.Contains("--jaeger-udp-binary", error, StringComparison.Ordinal);
    }
}
