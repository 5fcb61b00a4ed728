using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

/// <summary>The 9 URL example pairs of the semantics spec §5.4.</summary>
public sealed class HttpUrlObfuscatorSpecExamplesTests
{
    public static TheoryData<bool, bool, string, string> Examples => new()
    {
        { false, false, "http://user:password@foo.com/1/2/3?q=james", "http://foo.com/1/2/3?q=james" },
        { true, false, "http://foo.com/id/123/page/1?search=bar&page=2", "http://foo.com/id/123/page/1?" },
        { true, false, "http://foo.com/id/123/page/1?search=bar&page=2#fragment", "http://foo.com/id/123/page/1?#fragment" },
        { true, false, "http://foo.com/123", "http://foo.com/123" },
        { false, true, "http://foo.com/id/123/page/1?search=bar&page=2", "http://foo.com/id/?/page/??search=bar&page=2" },
        { false, true, "http://foo.com/123/name/abcd9", "http://foo.com/?/name/?" },
        { false, true, "http://foo.com/1%3F3/nam%3Fe/abcd9", "http://foo.com/?/nam%3Fe/?" },
        { true, true, "http://foo.com/id/123/page/1?search=bar&page=2#fragment", "http://foo.com/id/?/page/??#fragment" },
        { true, true, "http://user:password@foo.com/1/2/3?q=james", "http://foo.com/?/?/??" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Obfuscate_SpecExample_MatchesAgent(bool removeQueryString, bool removePathDigits, string url, string expected)
    {
        var obfuscator = new HttpUrlObfuscator(new HttpUrlObfuscationOptions
        {
            RemoveQueryString = removeQueryString,
            RemovePathDigits = removePathDigits,
        });

        Assert.Equal(expected, obfuscator.Obfuscate(url));
    }

    [Theory]
    [InlineData("http://foo.com/%zz?q=1")]
    [InlineData("http://foo.com/a\u0001b")]
    public void Obfuscate_UnparsableWithAnOptionOn_ReturnsQuestionMark(string url) =>
        Assert.Equal("?", new HttpUrlObfuscator(new HttpUrlObfuscationOptions { RemoveQueryString = true }).Obfuscate(url));

    [Theory]
    [InlineData("/just/a/path?x=1", "/just/a/path?x=1")]
    [InlineData("https://admin@db.internal:8443/x", "https://db.internal:8443/x")]
    [InlineData("//user:pw@host", "//host")]
    public void Obfuscate_NoOptions_RemovesOnlyUserinfo(string url, string expected) =>
        Assert.Equal(expected, new HttpUrlObfuscator().Obfuscate(url));

    [Fact]
    public void Obfuscate_PathDigitsWithEncodedDigit_ReplacesTheSegment() =>
        Assert.Equal("http://foo.com/?/b", new HttpUrlObfuscator(new HttpUrlObfuscationOptions { RemovePathDigits = true }).Obfuscate("http://foo.com/a%31/b"));
}
