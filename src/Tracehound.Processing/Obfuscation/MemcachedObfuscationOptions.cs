namespace Tracehound.Processing.Obfuscation;

/// <summary>The agent's <c>apm_config.obfuscation.memcached</c> settings.</summary>
internal sealed class MemcachedObfuscationOptions
{
    public static MemcachedObfuscationOptions Default { get; } = new();

    /// <summary><c>enabled</c> (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>keep_command</c> (default false): keep the command line; otherwise the tag is emptied (dropped).</summary>
    public bool KeepCommand { get; init; }
}
