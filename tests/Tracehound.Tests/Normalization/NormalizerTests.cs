using Tracehound.Processing.Normalization;

namespace Tracehound.Tests.Normalization;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("trace-api.request", "trace_api.request")]
    [InlineData("/", null)]
    [InlineData("123", null)]
    [InlineData("web.request", "web.request")]
    [InlineData("__web__request__", "web_request")]
    [InlineData("a_.b", "a.b")]
    [InlineData("a._b", "a.b")]
    [InlineData("Http Server", "Http_Server")]
    [InlineData("9lives.op", "lives.op")]
    public void MetricName_Examples_AgentResult(string input, string? expected)
    {
        var ok = MetricNameNormalizer.TryNormalize(input, out var normalized);

        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected ?? string.Empty, normalized);
    }

    [Theory]
    [InlineData("my-service", "my-service")]
    [InlineData("My Service", "my_service")]
    [InlineData("a__b", "a_b")]
    [InlineData("a!!b??", "a_b")]
    [InlineData("Ünïcödé", "ünïcödé")]
    [InlineData("1service", "1service")]
    [InlineData("svc:a/b.c-d", "svc:a/b.c-d")]
    public void TagValue_Examples_Normalized(string input, string expected)
    {
        Assert.Equal(expected, TagNormalizer.NormalizeTagValue(input));
    }

    [Theory]
    [InlineData("1env", "env")]
    [InlineData("__Prod", "prod")]
    [InlineData(":prod", ":prod")]
    [InlineData("Acceptance", "acceptance")]
    public void Tag_LeadingNonLetters_Stripped(string input, string expected)
    {
        Assert.Equal(expected, TagNormalizer.NormalizeTag(input));
    }

    [Fact]
    public void TagValue_Longer_StopsAt200Characters()
    {
        Assert.Equal(200, TagNormalizer.NormalizeTagValue(new string('A', 300)).Length);
    }

    [Fact]
    public void TagValue_AlreadyNormal_SameInstance()
    {
        const string Value = "checkout-api";

        Assert.Same(Value, TagNormalizer.NormalizeTagValue(Value));
    }

    [Fact]
    public void Utf8Truncate_MultiByte_NeverSplitsACharacter()
    {
        var value = new string('a', 99) + "é"; // 101 bytes

        Assert.Equal(new string('a', 99), Utf8Truncation.Truncate(value, 100));
        Assert.Equal("😀", Utf8Truncation.Truncate("😀😀", 5));
    }
}
