using Tracehound.Model;
using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class ObfuscationProcessorTests
{
    private static readonly Resource Service = new([KeyValue.String("service.name", "shop")]);

    [Fact]
    public void Process_OtlpSqlSpan_ObfuscatesEveryCopyOfTheStatement()
    {
        var span = new Span
        {
            Name = "SELECT app.users", Kind = SpanKind.Client, Resource = Service,
            Attributes =
            [
                KeyValue.String("db.system", "postgresql"),
                KeyValue.String("db.statement", "SELECT * FROM users WHERE id = 42"),
                KeyValue.String("db.query.text", "SELECT * FROM users WHERE name = 'bob'"),
            ],
        };

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.True(span.TryGetAttribute("db.statement", out var statement));
        Assert.Equal("SELECT * FROM users WHERE id = ?", statement.AsString());
        Assert.True(span.TryGetAttribute("db.query.text", out var text));
        Assert.Equal("SELECT * FROM users WHERE name = ?", text.AsString());
    }

    [Fact]
    public void Process_DatadogSqlSpan_ObfuscatesResourceAndSetsSqlQuery()
    {
        var span = new Span
        {
            Name = "postgres.query", Resource = Service,
            Attributes = [KeyValue.String("db.type", "postgres")],
            Datadog = new DatadogSpanInfo { Service = "shop", Name = "postgres.query", Type = "sql", Resource = "SELECT * FROM users WHERE id = 42" },
        };

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.Equal("SELECT * FROM users WHERE id = ?", span.Datadog.Resource);
        Assert.True(span.TryGetAttribute("sql.query", out var query));
        Assert.Equal("SELECT * FROM users WHERE id = ?", query.AsString());
    }

    [Fact]
    public void Process_HttpClientSpan_RemovesUserinfoFromUrls()
    {
        var span = new Span
        {
            Name = "GET", Kind = SpanKind.Client, Resource = Service,
            Attributes =
            [
                KeyValue.String("http.request.method", "GET"),
                KeyValue.String("url.full", "http://user:secret@billing.internal:8081/accounts/42"),
            ],
        };

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.True(span.TryGetAttribute("url.full", out var url));
        Assert.DoesNotContain("secret", url.AsString(), StringComparison.Ordinal);
        Assert.Contains("billing.internal:8081/accounts/42", url.AsString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_RedisSpan_ObfuscatesTheRawCommandAndQuantizesTheResource()
    {
        var span = new Span
        {
            Name = "redis.command", Resource = Service,
            Attributes = [KeyValue.String("redis.raw_command", "SET user:42 supersecret")],
            Datadog = new DatadogSpanInfo { Service = "shop", Name = "redis.command", Type = "redis", Resource = "SET user:42 supersecret" },
        };

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.True(span.TryGetAttribute("redis.raw_command", out var raw));
        Assert.DoesNotContain("supersecret", raw.AsString(), StringComparison.Ordinal);
        Assert.Equal("SET", span.Datadog.Resource);
    }

    [Fact]
    public void Process_SpanOfOtherType_IsLeftAlone()
    {
        var attributes = new[] { KeyValue.String("app.note", "SELECT 1"), KeyValue.Int("app.items", 3) };
        var span = new Span { Name = "work", Kind = SpanKind.Internal, Resource = Service, Attributes = [.. attributes] };

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.Equal(attributes, span.Attributes);
    }

    [Fact]
    public void Process_CassandraSpanThatDoesNotTokenize_StoresTheNonParsableText()
    {
        var span = DatadogSpan("cassandra", "SELECT * FROM ks.t WHERE k = 'unterminated");

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.Equal(SqlObfuscator.NonParsableQuery, span.Datadog!.Resource);
        Assert.Equal(SqlObfuscator.NonParsableQuery, Attribute(span, ObfuscationProcessor.SqlQueryTag));
    }

    [Fact]
    public void Process_SqlSpanWithTableNamesCollected_AddsSqlTables()
    {
        var span = DatadogSpan("sql", "SELECT * FROM users JOIN orders ON users.id = orders.user_id");
        var processor = new ObfuscationProcessor(new ObfuscationOptions { Sql = new SqlObfuscationOptions { CollectTableNames = true } });

        processor.Process(new SpanBatch([span]));

        Assert.Equal("users,orders", Attribute(span, ObfuscationProcessor.SqlTablesTag));
    }

    [Fact]
    public void Process_MemcachedSpanByDefault_DropsTheCommandAttribute()
    {
        var span = DatadogSpan("memcached", "set", KeyValue.String("memcached.command", "set k 0 0 5\r\nvalue"));

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.False(span.TryGetAttribute("memcached.command", out _));
    }

    [Theory]
    [InlineData("mongodb", "mongodb.query")]
    [InlineData("elasticsearch", "elasticsearch.body")]
    [InlineData("opensearch", "opensearch.body")]
    public void Process_JsonSpans_ObfuscateTheirBody(string type, string tag)
    {
        var span = DatadogSpan(type, "find", KeyValue.String(tag, "{\"name\": \"bob\"}"));

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.Equal("{\"name\":\"?\"}", Attribute(span, tag));
    }

    [Fact]
    public void Process_WebSpan_RemovesUserinfoAndAnyCardNumberButKeepsTheRest()
    {
        var span = DatadogSpan(
            "web",
            "GET /pay",
            KeyValue.String("http.url", "https://bob:pw@shop.example/pay"),
            KeyValue.String("payment.card", "4111 1111 1111 1111"),
            KeyValue.String("http.status_code", "200"));

        new ObfuscationProcessor().Process(new SpanBatch([span]));

        Assert.Equal("https://shop.example/pay", Attribute(span, "http.url"));
        Assert.Equal("?", Attribute(span, "payment.card"));
        Assert.Equal("200", Attribute(span, "http.status_code"));
        Assert.Equal("GET /pay", span.Datadog!.Resource);
    }

    [Fact]
    public void Process_CreditCardsOff_KeepsCardLikeValues()
    {
        var span = DatadogSpan("web", "GET /pay", KeyValue.String("payment.card", "4111 1111 1111 1111"));

        new ObfuscationProcessor(new ObfuscationSettings { CreditCards = false }).Process(new SpanBatch([span]));

        Assert.Equal("4111 1111 1111 1111", Attribute(span, "payment.card"));
    }

    private static Span DatadogSpan(string type, string resource, params KeyValue[] attributes) => new()
    {
        Name = "op",
        Resource = Service,
        Attributes = attributes,
        Datadog = new DatadogSpanInfo { Service = "shop", Name = "op", Type = type, Resource = resource },
    };

    private static string Attribute(Span span, string key) =>
        span.TryGetAttribute(key, out var value) ? value.AsString() : throw new Xunit.Sdk.XunitException($"no attribute {key}");
}
