using System.Net;
using Tracehound.Configuration;

namespace Tracehound.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4317", "127.0.0.1", 4317)]
    [InlineData("0.0.0.0:4318", "0.0.0.0", 4318)]
    [InlineData("*:9411", "0.0.0.0", 9411)]
    [InlineData("localhost:16686", "127.0.0.1", 16686)]
    [InlineData("[::1]:4317", "::1", 4317)]
    [InlineData(":0", "127.0.0.1", 0)]
    [InlineData("4317", "127.0.0.1", 4317)]
    public void TryParse_ValidForms_GiveAddressAndPort(string text, string ip, int port)
    {
        Assert.True(ListenAddress.TryParse(text, IPAddress.Loopback, out var address, out var error), error);
        Assert.Equal(IPAddress.Parse(ip), address!.Address);
        Assert.Equal(port, address.Port);
    }

    [Fact]
    public void TryParse_PortOnlyWithBindAll_UsesAllInterfaces()
    {
        Assert.True(ListenAddress.TryParse("4317", IPAddress.Any, out var address, out _));
        Assert.Equal(IPAddress.Any, address!.Address);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("none")]
    public void TryParse_Off_DisablesTheListener(string text)
    {
        Assert.True(ListenAddress.TryParse(text, IPAddress.Loopback, out var address, out _));
        Assert.Null(address);
    }

    [Theory]
    [InlineData("127.0.0.1:99999")]
    [InlineData("127.0.0.1:port")]
    [InlineData("example.com:80")]
    [InlineData("::1:4317")]
    [InlineData("[::1]4317")]
    [InlineData("")]
    public void TryParse_InvalidForms_FailWithAReason(string text)
    {
        Assert.False(ListenAddress.TryParse(text, IPAddress.Loopback, out _, out var error));
        Assert.NotEmpty(error);
    }
}
