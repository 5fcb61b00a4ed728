namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// Applies the obfuscators to one Datadog-shaped span by its <c>span.type</c>, as the table of spec §5.1 says:
/// the resource and the type's own meta tags, then credit cards in every meta value. Beyond the agent, the
/// OTel copies of a SQL statement (<c>db.statement</c>, <c>db.query.text</c>) get the obfuscated text too, so
/// the original statement is stored nowhere. Stateless and thread-safe once built.
/// </summary>
internal sealed class DatadogSpanObfuscator
{
    public const string SqlQueryTag = "sql.query";
    public const string SqlTablesTag = "sql.tables";

    private static readonly string[] s_otelStatementTags = ["db.statement", "db.query.text"];

    private readonly SqlObfuscator _sql;
    private readonly RedisObfuscator _redis;
    private readonly MemcachedObfuscator _memcached;
    private readonly JsonObfuscator _mongoDb;
    private readonly JsonObfuscator _elasticsearch;
    private readonly JsonObfuscator _openSearch;
    private readonly HttpUrlObfuscator _http;
    private readonly CreditCardObfuscator _creditCards;

    public DatadogSpanObfuscator(ObfuscationOptions? options = null)
    {
        options ??= ObfuscationOptions.Default;
        _sql = new SqlObfuscator(options.Sql);
        _redis = new RedisObfuscator(options.Redis);
        _memcached = new MemcachedObfuscator(options.Memcached);
        _mongoDb = new JsonObfuscator(options.MongoDb);
        _elasticsearch = new JsonObfuscator(options.Elasticsearch);
        _openSearch = new JsonObfuscator(options.OpenSearch);
        _http = new HttpUrlObfuscator(options.Http);
        _creditCards = new CreditCardObfuscator(options.CreditCards);
    }

    /// <summary>Obfuscates <paramref name="resource"/> and <paramref name="meta"/> in place for a span of <paramref name="spanType"/>.</summary>
    public void Obfuscate(string? spanType, ref string resource, IDictionary<string, string> meta)
    {
        switch (spanType)
        {
            case "sql":
            case "cassandra":
                ObfuscateSql(ref resource, meta);
                break;
            case "redis":
                resource = RedisObfuscator.Quantize(resource);
                ObfuscateTag(meta, "redis.raw_command", _redis.Obfuscate);
                break;
            case "valkey":
                resource = RedisObfuscator.Quantize(resource);
                ObfuscateTag(meta, "valkey.raw_command", _redis.Obfuscate);
                break;
            case "memcached":
                ObfuscateTag(meta, "memcached.command", _memcached.Obfuscate);
                break;
            case "web":
            case "http":
                ObfuscateTag(meta, "http.url", _http.Obfuscate);
                break;
            case "mongodb":
                ObfuscateTag(meta, "mongodb.query", _mongoDb.Obfuscate);
                break;
            case "elasticsearch":
                ObfuscateTag(meta, "elasticsearch.body", _elasticsearch.Obfuscate);
                break;
            case "opensearch":
                ObfuscateTag(meta, "opensearch.body", _openSearch.Obfuscate);
                break;
        }
        ObfuscateCreditCards(meta);
    }

    private void ObfuscateSql(ref string resource, IDictionary<string, string> meta)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return;
        }
        var result = _sql.Obfuscate(resource);
        resource = result.Query;
        meta[SqlQueryTag] = result.Query;
        if (result.Tables.Length > 0)
        {
            meta[SqlTablesTag] = result.Tables;
        }
        foreach (var tag in s_otelStatementTags)
        {
            if (meta.ContainsKey(tag))
            {
                meta[tag] = result.Query;
            }
        }
    }

    private static void ObfuscateTag(IDictionary<string, string> meta, string tag, Func<string, string> obfuscate)
    {
        if (!meta.TryGetValue(tag, out var value))
        {
            return;
        }
        var obfuscated = obfuscate(value);
        if (obfuscated.Length == 0)
        {
            // An emptied value (memcached without keep_command) drops the tag, as the agent does.
            meta.Remove(tag);
        }
        else
        {
            meta[tag] = obfuscated;
        }
    }

    private void ObfuscateCreditCards(IDictionary<string, string> meta)
    {
        if (!_creditCards.Options.Enabled || meta.Count == 0)
        {
            return;
        }
        List<string>? cards = null;
        foreach (var (key, value) in meta)
        {
            if (!ReferenceEquals(_creditCards.Obfuscate(key, value), value))
            {
                (cards ??= []).Add(key);
            }
        }
        if (cards is null)
        {
            return;
        }
        foreach (var key in cards)
        {
            meta[key] = "?";
        }
    }
}
