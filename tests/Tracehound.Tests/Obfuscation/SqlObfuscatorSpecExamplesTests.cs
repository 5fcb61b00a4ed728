using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

/// <summary>The 30 SQL example pairs of the semantics spec §5.2 (the agent's own tests), default options unless noted.</summary>
public sealed class SqlObfuscatorSpecExamplesTests
{
    public static TheoryData<int, string, string> DefaultExamples => new()
    {
        { 1, "select * from users where id = 42", "select * from users where id = ?" },
        { 2, "select * from users where float = .43422", "select * from users where float = ?" },
        { 3, "SELECT host, status FROM ec2_status WHERE org_id=42", "SELECT host, status FROM ec2_status WHERE org_id = ?" },
        { 4, "-- get user \n--\n select * \n   from users \n    where\n       id = 214325346", "select * from users where id = ?" },
        { 5, "SELECT * FROM `host` WHERE `id` IN (42, 43) /*comment with parameters,host:localhost,url:controller#home,id:FF005:00CAA*/", "SELECT * FROM host WHERE id IN ( ? )" },
        { 6, "SELECT `host`.`address` FROM `host` WHERE org_id=42", "SELECT host . address FROM host WHERE org_id = ?" },
        { 7, "UPDATE user_dash_pref SET json_prefs = %(json_prefs)s, modified = '2015-08-27 22:10:32.492912' WHERE user_id = %(user_id)s AND url = %(url)s", "UPDATE user_dash_pref SET json_prefs = ? modified = ? WHERE user_id = ? AND url = ?" },
        { 8, "SELECT org_id, metric_key FROM metrics_metadata WHERE org_id = %(org_id)s AND metric_key = ANY(array[21, 25, 32])", "SELECT org_id, metric_key FROM metrics_metadata WHERE org_id = ? AND metric_key = ANY ( array [ ? ] )" },
        { 9, "SELECT articles.* FROM articles WHERE articles.id = 1 LIMIT 1, 20", "SELECT articles.* FROM articles WHERE articles.id = ? LIMIT ?" },
        { 10, "SELECT articles.* FROM articles WHERE (articles.created_at BETWEEN '2016-10-31 23:00:00.000000' AND '2016-11-01 23:00:00.000000')", "SELECT articles.* FROM articles WHERE ( articles.created_at BETWEEN ? AND ? )" },
        { 11, "SELECT articles.* FROM articles WHERE (articles.created_at BETWEEN $1 AND $2)", "SELECT articles.* FROM articles WHERE ( articles.created_at BETWEEN ? AND ? )" },
        { 12, "SELECT articles.* FROM articles WHERE (articles.published != true)", "SELECT articles.* FROM articles WHERE ( articles.published != ? )" },
        { 13, "SELECT articles.* FROM articles WHERE ( title = :title )", "SELECT articles.* FROM articles WHERE ( title = :title )" },
        { 14, "SELECT articles.* FROM articles WHERE ( title = @title )", "SELECT articles.* FROM articles WHERE ( title = @title )" },
        { 15, "SELECT date(created_at) as ordered_date, sum(price) as total_price FROM orders GROUP BY date(created_at) HAVING sum(price) > 100", "SELECT date ( created_at ), sum ( price ) FROM orders GROUP BY date ( created_at ) HAVING sum ( price ) > ?" },
        { 16, "SELECT articles.* FROM articles WHERE articles.id IN (1, 3, 5)", "SELECT articles.* FROM articles WHERE articles.id IN ( ? )" },
        { 17, "SAVEPOINT \"s139956586256192_x1\"", "SAVEPOINT ?" },
        { 18, "INSERT INTO user (id, username) VALUES ('Fred','Smith'), ('John','Smith'), ('Michael','Smith'), ('Robert','Smith');", "INSERT INTO user ( id, username ) VALUES ( ? )" },
        { 19, "CREATE KEYSPACE Excelsior WITH replication = {'class': 'SimpleStrategy', 'replication_factor' : 3};", "CREATE KEYSPACE Excelsior WITH replication = ?" },
        { 20, "SELECT server_table.host AS host_id FROM table#.host_tags as server_table WHERE server_table.host_id = 50", "SELECT server_table.host FROM table#.host_tags WHERE server_table.host_id = ?" },
        { 21, "select * from users where id = 214325346     # This comment continues to the end of line", "select * from users where id = ?" },
        { 22, "SELECT * FROM /* this is an in-line comment */ users;", "SELECT * FROM users" },
        { 23, "SELECT /*! STRAIGHT_JOIN */ col1 FROM table1", "SELECT col1 FROM table1" },
        { 24, "SET @g = 'POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7, 5 5))';", "SET @g = ?" },
        { 25, "SELECT [b].[BlogId], [b].[Name] FROM [Blogs] AS [b] ORDER BY [b].[Name]", "SELECT [ b ] . [ BlogId ], [ b ] . [ Name ] FROM [ Blogs ] ORDER BY [ b ] . [ Name ]" },
        { 26, "SELECT * FROM users WHERE firstname=''", "SELECT * FROM users WHERE firstname = ?" },
        { 27, "INSERT INTO user (id, email, name) VALUES (null, ?, ?)", "INSERT INTO user ( id, email, name ) VALUES ( ? )" },
        { 28, "SELECT username AS person FROM users WHERE id=4", "SELECT username FROM users WHERE id = ?" },
        { 29, "SELECT $func$INSERT INTO table VALUES ('a', 1, 2)$func$ FROM users", "SELECT ? FROM users" },
        { 30, "autovacuum: VACUUM ANALYZE fake.table", "autovacuum : VACUUM ANALYZE fake.table" },
    };

    [Theory]
    [MemberData(nameof(DefaultExamples))]
    public void Obfuscate_SpecExampleWithDefaults_MatchesAgent(int example, string query, string expected)
    {
        var result = new SqlObfuscator().Obfuscate(query);

        Assert.True(result.IsParsable, $"example {example}");
        Assert.Equal(expected, result.Query);
    }

    [Fact]
    public void Obfuscate_Example28WithKeepSqlAlias_KeepsTheAlias()
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { KeepSqlAlias = true });

        Assert.Equal("SELECT username AS person FROM users WHERE id = ?", obfuscator.Obfuscate("SELECT username AS person FROM users WHERE id=4").Query);
    }

    [Fact]
    public void Obfuscate_Example29WithDollarQuotedFunc_ObfuscatesInsideTheBody()
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { DollarQuotedFunc = true });

        Assert.Equal(
            "SELECT $func$INSERT INTO table VALUES ( ? )$func$ FROM users",
            obfuscator.Obfuscate("SELECT $func$INSERT INTO table VALUES ('a', 1, 2)$func$ FROM users").Query);
    }
}
