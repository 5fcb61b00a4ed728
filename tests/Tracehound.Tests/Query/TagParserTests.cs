using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

public sealed class TagParserTests
{
    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    [Fact]
    public void Parse_JsonObject_ReadsEveryPair()
    {
        var tags = TagParser.Parse([], ["{\"http.status_code\":\"500\",\"error\":true,\"retries\":3}"]);

        Assert.Equal([Pair("http.status_code", "500"), Pair("error", "true"), Pair("retries", "3")], tags);
    }

    [Fact]
    public void Parse_Logfmt_ReadsPairsQuotedValuesAndBareKeys()
    {
        var tags = TagParser.Parse([], ["error=true http.method=GET  msg=\"a \\\"b\\\" c\" flag"]);

        Assert.Equal([Pair("error", "true"), Pair("http.method", "GET"), Pair("msg", "a \"b\" c"), Pair("flag", "true")], tags);
    }

    [Fact]
    public void Parse_RepeatedTagParameters_SplitAtFirstColon()
    {
        var tags = TagParser.Parse(["http.url:http://x/y", "error:true"], []);

        Assert.Equal([Pair("http.url", "http://x/y"), Pair("error", "true")], tags);
    }

    [Fact]
    public void Parse_SameKeyTwice_LaterWins()
    {
        var tags = TagParser.Parse(["k:1"], ["k=2"]);

        Assert.Equal([Pair("k", "2")], tags);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":{\"b\":1}}")]
    [InlineData("{\"a\":null}")]
    [InlineData("a=\"unterminated")]
    [InlineData("=value")]
    public void Parse_MalformedTags_Throws(string tags)
    {
        Assert.Throws<QueryParameterException>(() => TagParser.Parse([], [tags]));
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":value")]
    public void Parse_MalformedTag_Throws(string tag)
    {
        Assert.Throws<QueryParameterException>(() => TagParser.Parse([tag], []));
    }
}
