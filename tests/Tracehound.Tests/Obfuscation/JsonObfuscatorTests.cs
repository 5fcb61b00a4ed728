using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class JsonObfuscatorTests
{
    [Theory]
    [InlineData("{\"find\": \"users\", \"filter\": {\"age\": {\"$gt\": 21}, \"name\": \"bob\"}}", "{\"find\":\"?\",\"filter\":{\"age\":{\"$gt\":\"?\"},\"name\":\"?\"}}")]
    [InlineData("{\"query\": {\"multi_match\": {\"query\": \"guide\", \"fields\": [\"_all\", {\"key\": \"value\", \"other\": [\"1\", \"2\", {\"k\": \"v\"}]}, \"2\"]}}}", "{\"query\":{\"multi_match\":{\"query\":\"?\",\"fields\":[\"?\",{\"key\":\"?\",\"other\":[\"?\",\"?\",{\"k\":\"?\"}]},\"?\"]}}}")]
    [InlineData("[1, true, null, -2.5e3, \"s\\\"x\", [], {}]", "[\"?\",\"?\",\"?\",\"?\",\"?\",[],{}]")]
    [InlineData("42", "\"?\"")]
    public void Obfuscate_ValidJson_ReplacesEveryScalar(string json, string expected) =>
        Assert.Equal(expected, new JsonObfuscator().Obfuscate(json));

    [Theory]
    [InlineData("{\"a\": \"b\", \"c\": \"truncat", "{\"a\":\"?\",\"c\":...")]
    [InlineData("{\"a\": 1} {\"b\": 2}", "{\"a\":\"?\"}...")]
    [InlineData("{\"a\" 1}", "{\"a\"...")]
    [InlineData("not json", "...")]
    public void Obfuscate_MalformedOrTruncated_ObfuscatesUpToTheErrorThenEllipsis(string json, string expected) =>
        Assert.Equal(expected, new JsonObfuscator().Obfuscate(json));

    [Fact]
    public void Obfuscate_KeepValues_CopiesTheWholeValueOfThoseKeys()
    {
        var obfuscator = new JsonObfuscator(new JsonObfuscationOptions { KeepValues = ["uid", "tags"] });

        var result = obfuscator.Obfuscate("{\"uid\": 1234, \"tags\": [\"a\", {\"b\": 2}], \"secret\": \"x\", \"n\": {\"uid\": 5}}");

        Assert.Equal("{\"uid\":1234,\"tags\":[\"a\",{\"b\":2}],\"secret\":\"?\",\"n\":{\"uid\":5}}", result);
    }

    [Fact]
    public void Obfuscate_ObfuscateSqlValues_ObfuscatesTheStringAsSql()
    {
        var obfuscator = new JsonObfuscator(new JsonObfuscationOptions { ObfuscateSqlValues = ["query"] });

        var result = obfuscator.Obfuscate("{\"query\": \"SELECT * FROM t WHERE name = 'bob'\", \"other\": \"x\", \"query2\": 1}");

        Assert.Equal("{\"query\":\"SELECT * FROM t WHERE name = ?\",\"other\":\"?\",\"query2\":\"?\"}", result);
    }

    [Fact]
    public void Obfuscate_Disabled_ReturnsTheInput() =>
        Assert.Equal("{\"a\": 1}", new JsonObfuscator(new JsonObfuscationOptions { Enabled = false }).Obfuscate("{\"a\": 1}"));
}
