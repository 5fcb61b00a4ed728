using Tracehound.Configuration;

namespace Tracehound.Tests.Configuration;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("1048576", 1048576L)]
    [InlineData("32MiB", 32L * 1024 * 1024)]
    [InlineData("32MB", 32L * 1024 * 1024)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("1.5GiB", 3L * 512 * 1024 * 1024)]
    [InlineData(" 64 KB ", 64L * 1024)]
    public void TryParse_Sizes_AreBytes(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("12XB")]
    [InlineData("0")]
    [InlineData("-5MB")]
    public void TryParse_Nonsense_Fails(string text) => Assert.False(ByteSize.TryParse(text, out _));
}
