using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Semantics;

namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// Obfuscates every span before it is stored, by its Datadog span type (spec §5.1): SQL and
/// cassandra statements, Redis/Valkey commands, Memcached commands, MongoDB/Elasticsearch/OpenSearch
/// bodies, HTTP URLs, and credit-card numbers when enabled. It rewrites the span's attributes in
/// place — the OpenTelemetry copies (<c>db.statement</c>, <c>db.query.text</c>, <c>url.full</c>) as
/// well as the Datadog tags — so the original text is stored nowhere. A Datadog view sent by a
/// tracer has its resource obfuscated too; a derived view is computed on read from the attributes,
/// which are already obfuscated then. Only attributes of the span's type are looked at, so most
/// spans cost one type lookup.
/// </summary>
public sealed class ObfuscationProcessor : ISpanProcessor
{
    /// <summary>The obfuscated statement of a SQL span, as the Datadog agent tags it.</summary>
    public const string SqlQueryTag = "sql.query";

    /// <summary>The tables a SQL statement names, when table-name collection is on.</summary>
    public const string SqlTablesTag = "sql.tables";

    private static readonly string[] s_statementTags = ["db.statement", "db.query.text"];

    private readonly SqlObfuscator _sql;
    private readonly RedisObfuscator _redis;
    private readonly MemcachedObfuscator _memcached;
    private readonly JsonObfuscator _mongoDb;
    private readonly JsonObfuscator _elasticsearch;
    private readonly JsonObfuscator _openSearch;
    private readonly HttpUrlObfuscator _http;
    private readonly CreditCardObfuscator _creditCards;

    /// <summary>With the agent's defaults.</summary>
    public ObfuscationProcessor()
        : this(ObfuscationOptions.Default)
    {
    }

    public ObfuscationProcessor(ObfuscationSettings settings)
        : this(settings.ToOptions())
    {
    }

    internal ObfuscationProcessor(ObfuscationOptions options)
    {
        _sql = new SqlObfuscator(options.Sql);
        _redis = new RedisObfuscator(options.Redis);
        _memcached = new MemcachedObfuscator(options.Memcached);
        _mongoDb = new JsonObfuscator(options.MongoDb);
        _elasticsearch = new JsonObfuscator(options.Elasticsearch);
        _openSearch = new JsonObfuscator(options.OpenSearch);
        _http = new HttpUrlObfuscator(options.Http);
        _creditCards = new CreditCardObfuscator(options.CreditCards);
    }

    public void Process(SpanBatch batch)
    {
        foreach (var span in batch.Spans)
        {
            Obfuscate(span);
        }
    }

    private void Obfuscate(Span span)
    {
        var received = span.Datadog is { Derived: false } info ? info : null;
        var type = received is { Type.Length: > 0 } ? received.Type : OtlpSpanType.V2(span);
        switch (type)
        {
            case "sql":
            case "cassandra":
                if (received is { Resource.Length: > 0 })
                {
                    var result = _sql.Obfuscate(received.Resource);
                    received.Resource = result.Query;
                    Set(span, SqlQueryTag, result.Query);
                    if (result.Tables.Length > 0)
                    {
                        Set(span, SqlTablesTag, result.Tables);
                    }
                }

                Replace(span, SqlQueryTag, _sql.ObfuscateToString);
                Replace(span, s_statementTags, _sql.ObfuscateToString);
                break;
            case "redis":
            case "valkey":
                if (received is not null)
                {
                    received.Resource = RedisObfuscator.Quantize(received.Resource);
                }

                Replace(span, type == "redis" ? "redis.raw_command" : "valkey.raw_command", _redis.Obfuscate);
                Replace(span, s_statementTags, _redis.Obfuscate);
                break;
            case "memcached":
                Replace(span, "memcached.command", _memcached.Obfuscate);
                Replace(span, s_statementTags, _memcached.Obfuscate);
                break;
            case "web":
            case "http":
                Replace(span, "http.url", _http.Obfuscate);
                Replace(span, "url.full", _http.Obfuscate);
                break;
            case "mongodb":
                Replace(span, "mongodb.query", _mongoDb.Obfuscate);
                Replace(span, s_statementTags, _mongoDb.Obfuscate);
                break;
            case "elasticsearch":
                Replace(span, "elasticsearch.body", _elasticsearch.Obfuscate);
                Replace(span, s_statementTags, _elasticsearch.Obfuscate);
                break;
            case "opensearch":
                Replace(span, "opensearch.body", _openSearch.Obfuscate);
                Replace(span, s_statementTags, _openSearch.Obfuscate);
                break;
        }

        if (_creditCards.Options.Enabled)
        {
            var attributes = span.Attributes;
            for (var i = 0; i < attributes.Length; i++)
            {
                if (attributes[i].Value.Type == AnyValueType.String)
                {
                    var value = attributes[i].Value.AsString();
                    if (!ReferenceEquals(_creditCards.Obfuscate(attributes[i].Key, value), value))
                    {
                        attributes[i] = KeyValue.String(attributes[i].Key, "?");
                    }
                }
            }
        }
    }

    private static void Replace(Span span, string[] keys, Func<string, string> obfuscate)
    {
        foreach (var key in keys)
        {
            Replace(span, key, obfuscate);
        }
    }

    /// <summary>Rewrites a string attribute; an obfuscator that empties it (memcached without the command kept) drops it.</summary>
    private static void Replace(Span span, string key, Func<string, string> obfuscate)
    {
        var attributes = span.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (attributes[i].Key == key && attributes[i].Value.Type == AnyValueType.String)
            {
                var obfuscated = obfuscate(attributes[i].Value.AsString());
                if (obfuscated.Length > 0)
                {
                    attributes[i] = KeyValue.String(key, obfuscated);
                }
                else
                {
                    span.Attributes = [.. attributes[..i], .. attributes[(i + 1)..]];
                }

                return;
            }
        }
    }

    private static void Set(Span span, string key, string value)
    {
        var attributes = span.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (attributes[i].Key == key)
            {
                attributes[i] = KeyValue.String(key, value);
                return;
            }
        }

        span.Attributes = [.. attributes, KeyValue.String(key, value)];
    }
}
