namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// All of the agent's <c>apm_config.obfuscation</c> settings, one options class per obfuscator, with the
/// agent's defaults (spec §5.1): everything enabled, every optional mode off.
/// </summary>
internal sealed class ObfuscationOptions
{
    public static ObfuscationOptions Default { get; } = new();

    public SqlObfuscationOptions Sql { get; init; } = SqlObfuscationOptions.Default;

    /// <summary>Redis settings; Valkey spans use the same ones.</summary>
    public RedisObfuscationOptions Redis { get; init; } = RedisObfuscationOptions.Default;

    public MemcachedObfuscationOptions Memcached { get; init; } = MemcachedObfuscationOptions.Default;

    public JsonObfuscationOptions MongoDb { get; init; } = JsonObfuscationOptions.Default;

    public JsonObfuscationOptions Elasticsearch { get; init; } = JsonObfuscationOptions.Default;

    public JsonObfuscationOptions OpenSearch { get; init; } = JsonObfuscationOptions.Default;

    public HttpUrlObfuscationOptions Http { get; init; } = HttpUrlObfuscationOptions.Default;

    public CreditCardObfuscationOptions CreditCards { get; init; } = CreditCardObfuscationOptions.Default;
}
