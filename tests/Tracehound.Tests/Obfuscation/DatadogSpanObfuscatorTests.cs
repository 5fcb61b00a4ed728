using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class DatadogSpanObfuscatorTests
{
    private static readonly DatadogSpanObfuscator s_defaults = new();

    [Fact]
    public void Obfuscate_SqlSpan_SetsResourceSqlQueryAndOtelStatementCopies()
    {
        var resource = "SELECT * FROM users WHERE id = 42";
        var meta = new Dictionary<string, string> { ["db.statement"] = resource, ["db.query.text"] = resource };

        s_defaults.Obfuscate("sql", ref resource, meta);

        Assert.Equal("SELECT * FROM users WHERE id = ?", resource);
        Assert.Equal(resource, meta["sql.query"]);
        Assert.Equal(resource, meta["db.statement"]);
        Assert.Equal(resource, meta["db.query.text"]);
        Assert.False(meta.ContainsKey("sql.tables"));
    }

    [Fact]
    public void Obfuscate_CassandraSpanThatDoesNotTokenize_StoresTheNonParsableText()
    {
        var resource = "SELECT * FROM ks.t WHERE k = 'unterminated";
        var meta = new Dictionary<string, string>();

        s_defaults.Obfuscate("cassandra", ref resource, meta);

        Assert.Equal(SqlObfuscator.NonParsableQuery, resource);
        Assert.Equal(SqlObfuscator.NonParsableQuery, meta["sql.query"]);
    }

    [Fact]
    public void Obfuscate_SqlSpanWithTableNames_AddsSqlTables()
    {
        var obfuscator = new DatadogSpanObfuscator(new ObfuscationOptions { Sql = new SqlObfuscationOptions { CollectTableNames = true } });
        var resource = "SELECT * FROM users JOIN orders ON users.id = orders.user_id";
        var meta = new Dictionary<string, string>();

        obfuscator.Obfuscate("sql", ref resource, meta);

        Assert.Equal("users,orders", meta["sql.tables"]);
    }

    [Fact]
    public void Obfuscate_RedisSpan_QuantizesResourceAndObfuscatesRawCommand()
    {
        var resource = "SET session:1 secret-token";
        var meta = new Dictionary<string, string> { ["redis.raw_command"] = "SET session:1 secret-token" };

        s_defaults.Obfuscate("redis", ref resource, meta);

        Assert.Equal("SET", resource);
        Assert.Equal("SET session:1 ?", meta["redis.raw_command"]);
    }

    [Fact]
    public void Obfuscate_MemcachedSpanByDefault_DropsTheCommandTag()
    {
        var resource = "set";
        var meta = new Dictionary<string, string> { ["memcached.command"] = "set k 0 0 5\r\nvalue" };

        s_defaults.Obfuscate("memcached", ref resource, meta);

        Assert.False(meta.ContainsKey("memcached.command"));
    }

    [Theory]
    [InlineData("mongodb", "mongodb.query")]
    [InlineData("elasticsearch", "elasticsearch.body")]
    [InlineData("opensearch", "opensearch.body")]
    public void Obfuscate_JsonSpans_ObfuscateTheirBody(string type, string tag)
    {
        var resource = "find";
        var meta = new Dictionary<string, string> { [tag] = "{\"name\": \"bob\"}" };

        s_defaults.Obfuscate(type, ref resource, meta);

        Assert.Equal("{\"name\":\"?\"}", meta[tag]);
    }

    [Fact]
    public void Obfuscate_WebSpan_RemovesUserinfoAndAnyCardNumber()
    {
        var resource = "GET /pay";
        var meta = new Dictionary<string, string>
        {
            ["http.url"] = "https://bob:pw@shop.example/pay",
            ["payment.card"] = "4111 1111 1111 1111",
            ["http.status_code"] = "200",
        };

        s_defaults.Obfuscate("web", ref resource, meta);

        Assert.Equal("https://shop.example/pay", meta["http.url"]);
        Assert.Equal("?", meta["payment.card"]);
        Assert.Equal("200", meta["http.status_code"]);
        Assert.Equal("GET /pay", resource);
    }
}
