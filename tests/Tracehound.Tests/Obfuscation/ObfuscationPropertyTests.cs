using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

/// <summary>
/// Properties over arbitrary strings (FsCheck's generator: any chars, nulls, empty) and over generated
/// SQL-like token soups (FsCheck picks the seed; the query is in the failure message): the obfuscators never
/// throw, obfuscating their output again changes nothing, and no SQL literal survives.
/// </summary>
public sealed class ObfuscationPropertyTests
{
    private static readonly SqlObfuscator s_sql = new();
    private static readonly RedisObfuscator s_redis = new();
    private static readonly RedisObfuscator s_redisRemoveAll = new(new RedisObfuscationOptions { RemoveAllArgs = true });
    private static readonly JsonObfuscator s_json = new();
    private static readonly MemcachedObfuscator s_memcached = new(new MemcachedObfuscationOptions { KeepCommand = true });
    private static readonly CreditCardObfuscator s_cards = new();
    private static readonly HttpUrlObfuscator[] s_urls =
    [
        new(),
        new(new HttpUrlObfuscationOptions { RemoveQueryString = true }),
        new(new HttpUrlObfuscationOptions { RemovePathDigits = true }),
        new(new HttpUrlObfuscationOptions { RemoveQueryString = true, RemovePathDigits = true }),
    ];

    /// <summary>Pieces of SQL, including the awkward ones: quotes, comments, dollar quotes, brackets, aliases.</summary>
    private static readonly string[] s_sqlPieces =
    [
        "SELECT", "select", "FROM", "users", "u.name", "t.*", "WHERE", "AND", "IN", "VALUES", "INSERT", "INTO", "UPDATE",
        "SET", "AS", "as", "NULL", "true", "FALSE", "SAVEPOINT", "LIMIT", "(", ")", ",", ";", "=", "!=", "<=", ">", ":",
        "::", ":=", "[", "]", ".", "*", "-", "+", "%", "%s", "%(name)s", "?", "$1", ":name", "@var", "@@global.x",
        "'str'", "'it''s'", "'a\\'b'", "''", "\"Quoted\"", "\"two words\"", "\"null\"", "`tick`", "`a`.`b`", "42",
        "-7", ".5", "1e10", "0xFF", "3.14", "/* c */", "/*! hint */", "-- line\n", "# hash\n", "$$body$$",
        "$func$SELECT 1$func$", "$tag$x$tag$", "{'k': 1}", "{fn NOW()}", "table#.x", "café", "\t", "\n", "  ", "a$b",
    ];

    private static readonly string[] s_redisPieces =
    [
        "SET", "GET", "AUTH", "HSET", "HMSET", "MSET", "GEOADD", "ZADD", "NX", "CH", "BITFIELD", "CONFIG", "SADD",
        "LINSERT", "CLIENT", "LIST", "key", "value", "\"quoted value\"", "\"esc\\\"aped\"", "...", "k...", "?", "\n",
        " ", "  ", "\t", "\r\n", "42",
    ];

    [Property(MaxTest = 500)]
    public void AllObfuscators_ArbitraryString_NeverThrow(string input)
    {
        _ = s_sql.Obfuscate(input);
        _ = RedisObfuscator.Quantize(input);
        _ = s_redis.Obfuscate(input);
        _ = s_redisRemoveAll.Obfuscate(input);
        _ = s_json.Obfuscate(input);
        _ = s_memcached.Obfuscate(input);
        _ = s_cards.Obfuscate("key", input ?? string.Empty);
        foreach (var url in s_urls)
        {
            _ = url.Obfuscate(input);
        }
    }

    [Property(MaxTest = 500)]
    public void SqlObfuscate_ArbitraryString_IsIdempotent(string input) => AssertIdempotent(s_sql.ObfuscateToString, input);

    [Property(MaxTest = 1000)]
    public void SqlObfuscate_GeneratedQuery_IsIdempotent(int seed) =>
        AssertIdempotent(s_sql.ObfuscateToString, Compose(seed, s_sqlPieces, 40));

    [Property(MaxTest = 500)]
    public void SqlObfuscate_GeneratedQueryWithAliasesKeptAndFuncBodies_IsIdempotent(int seed)
    {
        var obfuscator = new SqlObfuscator(new SqlObfuscationOptions { KeepSqlAlias = true, DollarQuotedFunc = true });
        AssertIdempotent(obfuscator.ObfuscateToString, Compose(seed, s_sqlPieces, 40));
    }

    /// <summary>
    /// Literals are the only source of digits and of "zq" (names in the template have neither), so any digit
    /// or "zq" in the output is a literal that leaked.
    /// </summary>
    [Property(MaxTest = 1000)]
    public void SqlObfuscate_GeneratedLiterals_NeverSurvive(int seed)
    {
        var random = new Random(seed);
        var query = new StringBuilder("SELECT a, b.c FROM t WHERE ");
        var clauses = random.Next(1, 6);
        for (var i = 0; i < clauses; i++)
        {
            if (i > 0)
            {
                query.Append(random.Next(2) == 0 ? " AND " : " OR ");
            }
            query.Append(random.Next(5) switch
            {
                0 => $"x = {Literal(random)}",
                1 => $"y IN ({Literal(random)}, {Literal(random)}, {Literal(random)})",
                2 => $"z BETWEEN {Literal(random)} AND {Literal(random)}",
                3 => $"w = ANY(array[{Literal(random)}, {Literal(random)}])",
                _ => $"v != {Literal(random)} /* note zq {random.Next()} */",
            });
        }
        if (random.Next(2) == 0)
        {
            query.Append($" LIMIT {random.Next(1, 100000)}, {random.Next(1, 100000)}");
        }
        var text = query.ToString();

        var result = s_sql.Obfuscate(text);

        Assert.True(result.IsParsable, text);
        Assert.DoesNotContain("zq", result.Query, StringComparison.OrdinalIgnoreCase);
        Assert.False(result.Query.Any(char.IsAsciiDigit), $"{text}\n=> {result.Query}");
    }

    [Property(MaxTest = 500)]
    public void RedisObfuscate_ArbitraryString_IsIdempotent(string input)
    {
        AssertIdempotent(s_redis.Obfuscate, input);
        AssertIdempotent(s_redisRemoveAll.Obfuscate, input);
    }

    [Property(MaxTest = 1000)]
    public void RedisObfuscate_GeneratedCommands_IsIdempotent(int seed)
    {
        var commands = Compose(seed, s_redisPieces, 20);
        AssertIdempotent(s_redis.Obfuscate, commands);
        AssertIdempotent(s_redisRemoveAll.Obfuscate, commands);
    }

    /// <summary>Quantizing a single command is idempotent (a pipeline's "A B C ..." resource is one line by design).</summary>
    [Property(MaxTest = 500)]
    public void RedisQuantize_SingleLine_IsIdempotent(int seed) =>
        AssertIdempotent(RedisObfuscator.Quantize, Compose(seed, s_redisPieces, 10).Replace('\n', ' '));

    [Property(MaxTest = 500)]
    public void JsonObfuscate_ArbitraryString_IsIdempotent(string input) => AssertIdempotent(s_json.Obfuscate, input);

    [Property(MaxTest = 500)]
    public void JsonObfuscate_GeneratedJson_IsIdempotent(int seed) =>
        AssertIdempotent(s_json.Obfuscate, Compose(seed, ["{", "}", "[", "]", ":", ",", "\"k\"", "\"v\\\"\"", "1", "-2.5", "true", "null", " "], 30));

    [Property(MaxTest = 500)]
    public void OtherObfuscators_ArbitraryString_AreIdempotent(string input)
    {
        AssertIdempotent(s_memcached.Obfuscate, input);
        AssertIdempotent(value => s_cards.Obfuscate("key", value ?? string.Empty), input);

        // Every URL mode on its own; with both options on the '?' path segments read back as a query (the
        // agent's output format), so that combination is not idempotent.
        for (var i = 0; i < 3; i++)
        {
            AssertIdempotent(s_urls[i].Obfuscate, input);
        }
    }

    private static void AssertIdempotent(Func<string, string> obfuscate, string? input)
    {
        var once = obfuscate(input!);
        var twice = obfuscate(once);
        Assert.True(once == twice, $"input: {Escape(input)}\nonce:  {Escape(once)}\ntwice: {Escape(twice)}");
    }

    private static string Compose(int seed, string[] pieces, int maxPieces)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var count = random.Next(1, maxPieces);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
            if (random.Next(3) != 0)
            {
                text.Append(' ');
            }
        }
        return text.ToString();
    }

    private static string Literal(Random random) => random.Next(6) switch
    {
        0 => random.Next(10000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => "-" + random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + random.Next(0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "'zq " + random.Next() + " it''s'",
        3 => "'zq\\'" + random.Next() + "'",
        4 => "$" + random.Next(1, 99).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "$$zq " + random.Next() + "$$",
    };

    private static string Escape(string? text) =>
        text is null ? "<null>" : string.Concat(text.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString()));
}
