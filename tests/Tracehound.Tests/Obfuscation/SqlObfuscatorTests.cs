using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class SqlObfuscatorTests
{
    [Theory]
    [InlineData("SELECT * FROM users WHERE name = 'unterminated")]
    [InlineData("SELECT * FROM users /* no end")]
    [InlineData("SELECT $tag$ body without end")]
    [InlineData("SELECT a FROM b AS [1]")]
    [InlineData("SELECT `unterminated FROM t")]
    public void Obfuscate_TokenizerError_ReturnsNonParsableFallback(string query)
    {
        var result = new SqlObfuscator().Obfuscate(query);

        Assert.False(result.IsParsable);
        Assert.Equal(SqlObfuscator.NonParsableQuery, result.Query);
    }

    [Fact]
    public void Obfuscate_NonParsableFallbackAgain_IsAFixedPoint() =>
        Assert.Equal(SqlObfuscator.NonParsableQuery, new SqlObfuscator().Obfuscate(SqlObfuscator.NonParsableQuery).Query);

    [Theory]
    [InlineData("SELECT * FROM t WHERE a = 'it\\'s' AND b = 1", "SELECT * FROM t WHERE a = ? AND b = ?")]
    [InlineData("SELECT * FROM t WHERE path = 'C:\\' AND b = 'x'", "SELECT * FROM t WHERE path = ? AND b = ?")]
    [InlineData("SELECT * FROM t WHERE a = 'it''s'", "SELECT * FROM t WHERE a = ?")]
    public void Obfuscate_BackslashesAndDoubledQuotes_ReplaceWholeStrings(string query, string expected) =>
        Assert.Equal(expected, new SqlObfuscator().Obfuscate(query).Query);

    [Theory]
    [InlineData("SELECT * FROM t WHERE a = \"x\"", "SELECT * FROM t WHERE a = ?")]
    [InlineData("SELECT \"my col\" FROM \"t\"", "SELECT \"my col\" FROM t")]
    [InlineData("SELECT \"null\" FROM t", "SELECT \"null\" FROM t")]
    [InlineData("SELECT x::int FROM t WHERE y := -12.5e3", "SELECT x :: int FROM t WHERE y := ?")]
    [InlineData("SELECT a FROM t WHERE b IN (SELECT c FROM d WHERE e = 0x1F)", "SELECT a FROM t WHERE b IN ( SELECT c FROM d WHERE e = ? )")]
    // The agent drops a comma right after a replaced literal (as in "SET a = ? b = ?").
    [InlineData("SELECT {fn NOW()}, a % 8 FROM t", "SELECT ? a % ? FROM t")]
    [InlineData("", "")]
    [InlineData("  /* only a comment */ ", "")]
    public void Obfuscate_MoreShapes_MatchesLegacyRules(string query, string expected) =>
        Assert.Equal(expected, new SqlObfuscator().Obfuscate(query).Query);

    [Fact]
    public void Obfuscate_CollectTableNames_ListsEachTableOnceInOrder()
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { CollectTableNames = true });

        var result = obfuscator.Obfuscate("SELECT * FROM users u JOIN `orders` o ON u.id = o.user_id JOIN users x WHERE x.id IN (SELECT id FROM (SELECT 1))");

        Assert.Equal("users,orders", result.Tables);
    }

    [Fact]
    public void Obfuscate_CollectTableNamesForWrites_FindsInsertAndUpdateTargets()
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { CollectTableNames = true });

        Assert.Equal("audit_log", obfuscator.Obfuscate("INSERT INTO audit_log (a) VALUES (1)").Tables);
        Assert.Equal("accounts", obfuscator.Obfuscate("UPDATE accounts SET balance = 0").Tables);
        Assert.Equal(string.Empty, new SqlObfuscator().Obfuscate("UPDATE accounts SET balance = 0").Tables);
    }

    [Fact]
    public void Obfuscate_ReplaceDigits_HidesDigitsInNamesButKeepsTableNames()
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { ReplaceDigits = true, CollectTableNames = true });

        var result = obfuscator.Obfuscate("REPLACE INTO sales_2019_07_01 (id) VALUES (1)");

        Assert.Equal("REPLACE INTO sales_?_?_? ( id ) VALUES ( ? )", result.Query);
        Assert.Equal("sales_2019_07_01", result.Tables);
    }

    [Fact]
    public void Obfuscate_AlreadyObfuscated_ReturnsTheSameInstance()
    {
        const string query = "SELECT * FROM users WHERE id = ?";

        Assert.Same(query, new SqlObfuscator().Obfuscate(query).Query);
    }

    [Fact]
    public void Obfuscate_QueryLongerThanTheStackBuffer_IsObfuscatedCompletely()
    {
        var query = "SELECT * FROM t WHERE id IN (" + string.Join(", ", Enumerable.Range(1000, 2000)) + ") AND name = 'x'";

        Assert.Equal("SELECT * FROM t WHERE id IN ( ? ) AND name = ?", new SqlObfuscator().Obfuscate(query).Query);
    }

    /// <summary>
    /// Deviation from the agent, for idempotency: removed tokens (AS alias, comments, ';') do not end a run of
    /// literals. The agent gives "SELECT ?, ?" here, which it would itself turn into "SELECT ?" on a second pass.
    /// </summary>
    [Theory]
    [InlineData("SELECT 1 AS a, 2 AS b FROM t", "SELECT ? FROM t")]
    [InlineData("SELECT * FROM t WHERE id IN (1 /* one */, 2)", "SELECT * FROM t WHERE id IN ( ? )")]
    public void Obfuscate_RemovedTokensBetweenLiterals_DoNotSplitTheGroup(string query, string expected)
    {
        var once = new SqlObfuscator().Obfuscate(query).Query;

        Assert.Equal(expected, once);
        Assert.Equal(once, new SqlObfuscator().Obfuscate(once).Query);
    }

    [Theory]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y') ON DUPLICATE KEY UPDATE b = 'z'", "INSERT INTO t ( a, b ) VALUES ( ? ) ON DUPLICATE KEY UPDATE b = ?")]
    [InlineData("INSERT INTO t VALUES (1, (2)), (3, (4))", "INSERT INTO t VALUES ( ? )")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN ((1, 2), (SELECT c, d FROM u))", "SELECT * FROM t WHERE ( a, b ) IN ( ( ? ) ( SELECT c, d FROM u ) )")]
    public void Obfuscate_ListsOfTuples_CollapseToOneTupleAndKeepWhatFollows(string query, string expected) =>
        Assert.Equal(expected, new SqlObfuscator().Obfuscate(query).Query);
}
