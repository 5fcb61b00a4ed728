using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

/// <summary>The 22 Redis example pairs of the semantics spec §5.3 (10 quantize, 12 raw-command).</summary>
public sealed class RedisObfuscatorSpecExamplesTests
{
    public static TheoryData<string, string> QuantizeExamples => new()
    {
        { "CLIENT", "CLIENT" },
        { "CLIENT LIST", "CLIENT LIST" },
        { "get my_key", "GET" },
        { "SET le_key le_value", "SET" },
        { "CONFIG SET parameter value", "CONFIG SET" },
        { "SET toto tata \n \n  EXPIRE toto 15", "SET EXPIRE" },
        { "MULTI\nSET k1 v1\nSET k2 v2\nSET k3 v3\nSET k4 v4\nDEL to_del\nEXEC", "MULTI SET SET ..." },
        { "GET k...", "GET" },
        { "GET...", "..." },
        { "UNKNOWN 123", "UNKNOWN" },
    };

    public static TheoryData<string, string> RawCommandExamples => new()
    {
        { "AUTH my-secret-password", "AUTH ?" },
        { "AUTH james my-secret-password", "AUTH ?" },
        { "SET key value", "SET key ?" },
        { "HSET key field value", "HSET key field ?" },
        { "LINSERT key BEFORE pivot value", "LINSERT key BEFORE pivot ?" },
        { "SADD key member [member ...]", "SADD key ?" },
        { "HMSET key field value field value", "HMSET key field ? field ?" },
        { "MSET key value key value", "MSET key ? key ?" },
        { "GEOADD key longitude latitude member longitude latitude member", "GEOADD key longitude latitude ? longitude latitude ?" },
        { "ZADD key NX CH score member score member", "ZADD key NX CH score ? score ?" },
        { "BITFIELD key SET type offset value INCRBY type", "BITFIELD key SET type offset ? INCRBY type" },
        { "CONFIG foo bar baz", "CONFIG foo bar baz" },
    };

    [Theory]
    [MemberData(nameof(QuantizeExamples))]
    public void Quantize_SpecExample_MatchesAgent(string query, string expected) =>
        Assert.Equal(expected, RedisObfuscator.Quantize(query));

    [Theory]
    [MemberData(nameof(RawCommandExamples))]
    public void Obfuscate_SpecExample_MatchesAgent(string command, string expected) =>
        Assert.Equal(expected, new RedisObfuscator().Obfuscate(command));

    [Theory]
    [InlineData("SET key value\nGET key\nSET other \"quoted value\"", "SET key ?\nGET key\nSET other ?")]
    [InlineData("SET key \"a value\nwith a newline\"", "SET key ?")]
    [InlineData("CONFIG SET maxmemory 100mb", "CONFIG SET maxmemory ?")]
    [InlineData("GET", "GET")]
    [InlineData("SET key", "SET key")]
    public void Obfuscate_PipelinesQuotesAndShortCommands_HidesOnlyTheValues(string command, string expected) =>
        Assert.Equal(expected, new RedisObfuscator().Obfuscate(command));

    [Theory]
    [InlineData("SET key value", "SET ?")]
    [InlineData("GET", "GET")]
    [InlineData("CONFIG SET maxmemory 100mb", "CONFIG SET ?")]
    [InlineData("CONFIG REWRITE", "CONFIG REWRITE")]
    [InlineData("BITFIELD key SET i8 0 100 GET u4 0", "BITFIELD ? SET ? GET ?")]
    public void Obfuscate_RemoveAllArgs_KeepsOnlyCommandWords(string command, string expected) =>
        Assert.Equal(expected, new RedisObfuscator(new RedisObfuscationOptions { RemoveAllArgs = true }).Obfuscate(command));

    [Fact]
    public void Obfuscate_Disabled_ReturnsTheCommand() =>
        Assert.Equal("SET key value", new RedisObfuscator(new RedisObfuscationOptions { Enabled = false }).Obfuscate("SET key value"));
}
