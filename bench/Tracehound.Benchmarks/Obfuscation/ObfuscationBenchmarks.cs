using BenchmarkDotNet.Attributes;
using Tracehound.Processing.Obfuscation;

namespace Tracehound.Benchmarks.Obfuscation;

/// <summary>
/// Obfuscation cost per value. "spec SQL" runs the 30 example queries of the semantics spec §5.2 per
/// invocation and reports per query (OperationsPerInvoke = 30); the goal for a 100-char query is
/// ≤ 1 µs and no allocation beyond the result string.
/// </summary>
[MemoryDiagnoser]
public class ObfuscationBenchmarks
{
    private const string Query100 = "SELECT id, name, email FROM users WHERE org_id= 42 AND status = 'active' ORDER BY created_at LIMIT 1";
    private const string Query100Obfuscated = "SELECT id, name, email FROM users WHERE org_id = ? AND status = ? ORDER BY created_at LIMIT ?";

    private static readonly string[] SpecQueries =
    [
        "select * from users where id = 42",
        "select * from users where float = .43422",
        "SELECT host, status FROM ec2_status WHERE org_id=42",
        "-- get user \n--\n select * \n   from users \n    where\n       id = 214325346",
        "SELECT * FROM `host` WHERE `id` IN (42, 43) /*comment with parameters,host:localhost,url:controller#home,id:FF005:00CAA*/",
        "SELECT `host`.`address` FROM `host` WHERE org_id=42",
        "UPDATE user_dash_pref SET json_prefs = %(json_prefs)s, modified = '2015-08-27 22:10:32.492912' WHERE user_id = %(user_id)s AND url = %(url)s",
        "SELECT org_id, metric_key FROM metrics_metadata WHERE org_id = %(org_id)s AND metric_key = ANY(array[21, 25, 32])",
        "SELECT articles.* FROM articles WHERE articles.id = 1 LIMIT 1, 20",
        "SELECT articles.* FROM articles WHERE (articles.created_at BETWEEN '2016-10-31 23:00:00.000000' AND '2016-11-01 23:00:00.000000')",
        "SELECT articles.* FROM articles WHERE (articles.created_at BETWEEN $1 AND $2)",
        "SELECT articles.* FROM articles WHERE (articles.published != true)",
        "SELECT articles.* FROM articles WHERE ( title = :title )",
        "SELECT articles.* FROM articles WHERE ( title = @title )",
        "SELECT date(created_at) as ordered_date, sum(price) as total_price FROM orders GROUP BY date(created_at) HAVING sum(price) > 100",
        "SELECT articles.* FROM articles WHERE articles.id IN (1, 3, 5)",
        "SAVEPOINT \"s139956586256192_x1\"",
        "INSERT INTO user (id, username) VALUES ('Fred','Smith'), ('John','Smith'), ('Michael','Smith'), ('Robert','Smith');",
        "CREATE KEYSPACE Excelsior WITH replication = {'class': 'SimpleStrategy', 'replication_factor' : 3};",
        "SELECT server_table.host AS host_id FROM table#.host_tags as server_table WHERE server_table.host_id = 50",
        "select * from users where id = 214325346     # This comment continues to the end of line",
        "SELECT * FROM /* this is an in-line comment */ users;",
        "SELECT /*! STRAIGHT_JOIN */ col1 FROM table1",
        "SET @g = 'POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7, 5 5))';",
        "SELECT [b].[BlogId], [b].[Name] FROM [Blogs] AS [b] ORDER BY [b].[Name]",
        "SELECT * FROM users WHERE firstname=''",
        "INSERT INTO user (id, email, name) VALUES (null, ?, ?)",
        "SELECT username AS person FROM users WHERE id=4",
        "SELECT $func$INSERT INTO table VALUES ('a', 1, 2)$func$ FROM users",
        "autovacuum: VACUUM ANALYZE fake.table",
    ];

    private readonly SqlObfuscator _sql = new();
    private readonly SqlObfuscator _sqlWithTables = new(new SqlObfuscationOptions { CollectTableNames = true });
    private readonly RedisObfuscator _redis = new();
    private readonly HttpUrlObfuscator _url = new(new HttpUrlObfuscationOptions { RemoveQueryString = true, RemovePathDigits = true });
    private readonly JsonObfuscator _json = new();

    [Benchmark(Description = "SQL, 100-char query")]
    public string Sql100() => _sql.Obfuscate(Query100).Query;

    [Benchmark(Description = "SQL, 100-char query already obfuscated")]
    public string Sql100AlreadyObfuscated() => _sql.Obfuscate(Query100Obfuscated).Query;

    [Benchmark(Description = "SQL, 100-char query + table names")]
    public string Sql100WithTables() => _sqlWithTables.Obfuscate(Query100).Tables;

    [Benchmark(Description = "SQL, spec's 30 queries (per query)", OperationsPerInvoke = 30)]
    public int SqlSpecQueries()
    {
        var total = 0;
        foreach (var query in SpecQueries)
        {
            total += _sql.Obfuscate(query).Query.Length;
        }
        return total;
    }

    [Benchmark(Description = "Redis raw command")]
    public string RedisRaw() => _redis.Obfuscate("HMSET user:1001 name alice email alice@example.com plan premium");

    [Benchmark(Description = "Redis quantize")]
    public string RedisQuantize() => RedisObfuscator.Quantize("MULTI\nSET k1 v1\nSET k2 v2\nEXEC");

    [Benchmark(Description = "HTTP URL (both options)")]
    public string Url() => _url.Obfuscate("https://user:secret@api.example.com/v1/accounts/12345/orders?since=2024-01-01&page=2#top");

    [Benchmark(Description = "MongoDB JSON")]
    public string Json() => _json.Obfuscate("{\"find\": \"users\", \"filter\": {\"age\": {\"$gt\": 21}, \"name\": \"bob\"}, \"limit\": 10}");
}
