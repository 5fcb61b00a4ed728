using System.Collections.Frozen;
using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>The Datadog span type of an OpenTelemetry span (spec §3.3).</summary>
internal static class OtlpSpanType
{
    private static readonly FrozenDictionary<string, string> s_dbTypes = new Dictionary<string, string>
    {
        ["redis"] = "redis",
        ["memcached"] = "memcached",
        ["mongodb"] = "mongodb",
        ["elasticsearch"] = "elasticsearch",
        ["opensearch"] = "opensearch",
        ["cassandra"] = "cassandra",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The relational systems of the OpenTelemetry <c>db.system</c> registry.</summary>
    private static readonly FrozenSet<string> s_sqlSystems = new[]
    {
        "adabas", "cache", "clickhouse", "cloudscape", "cockroachdb", "db2", "derby", "edb", "firebird", "filemaker",
        "h2", "hanadb", "hsqldb", "informix", "ingres", "instantdb", "interbase", "intersystems_cache", "mariadb",
        "maxdb", "mssql", "mssqlcompact", "mysql", "netezza", "oracle", "other_sql", "pervasive", "pointbase",
        "postgresql", "progress", "redshift", "spanner", "sqlite", "sybase", "teradata", "trino", "vertica",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string V2(Span span)
    {
        var type = OtelAttributeLookup.Get(span, "span.type");
        if (type.Length > 0)
        {
            return type;
        }

        switch (span.Kind)
        {
            case SpanKind.Server:
                return "web";
            case SpanKind.Client:
                var dbSystem = OtelAttributeLookup.Get(span, "db.system");
                return dbSystem.Length == 0 ? "http" : DbType(dbSystem);
            default:
                return "custom";
        }
    }

    /// <summary>The legacy receive path: redis and memcached are <c>cache</c>, every other database <c>db</c>.</summary>
    public static string V1(Span span)
    {
        var type = OtelAttributeLookup.Get(span, "span.type");
        if (type.Length > 0)
        {
            return type;
        }

        switch (span.Kind)
        {
            case SpanKind.Server:
                return "web";
            case SpanKind.Client:
                var dbSystem = OtelAttributeLookup.Get(span, "db.system");
                return dbSystem.Length == 0 ? "http" : dbSystem is "redis" or "memcached" ? "cache" : "db";
            default:
                return "custom";
        }
    }

    public static string DbType(string dbSystem) =>
        s_dbTypes.TryGetValue(dbSystem, out var type) ? type : s_sqlSystems.Contains(dbSystem) ? "sql" : "db";
}
