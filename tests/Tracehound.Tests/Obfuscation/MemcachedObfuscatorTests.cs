using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class MemcachedObfuscatorTests
{
    [Fact]
    public void Obfuscate_Default_DropsTheCommand() =>
        Assert.Equal(string.Empty, new MemcachedObfuscator().Obfuscate("set mykey 0 60 5\r\nvalue"));

    [Theory]
    [InlineData("set mykey 0 60 5\r\nvalue", "set mykey 0 60 5")]
    [InlineData("get mykey", "get mykey")]
    [InlineData("  add k 0 0 3 \r\nabc\r\n", "add k 0 0 3")]
    public void Obfuscate_KeepCommand_KeepsTheFirstLineOnly(string command, string expected) =>
        Assert.Equal(expected, new MemcachedObfuscator(new MemcachedObfuscationOptions { KeepCommand = true }).Obfuscate(command));
}
