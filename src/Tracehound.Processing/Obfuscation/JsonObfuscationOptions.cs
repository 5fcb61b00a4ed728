namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// The agent's <c>apm_config.obfuscation.mongodb</c> / <c>elasticsearch</c> / <c>opensearch</c> settings.
/// </summary>
internal sealed class JsonObfuscationOptions
{
    public static JsonObfuscationOptions Default { get; } = new();

    /// <summary><c>enabled</c> (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>keep_values</c>: keys whose value (the whole subtree) is kept as it is.</summary>
    public IReadOnlyCollection<string> KeepValues { get; init; } = [];

    /// <summary><c>obfuscate_sql_values</c>: keys whose string value is SQL, obfuscated as SQL instead of becoming "?".</summary>
    public IReadOnlyCollection<string> ObfuscateSqlValues { get; init; } = [];
}
