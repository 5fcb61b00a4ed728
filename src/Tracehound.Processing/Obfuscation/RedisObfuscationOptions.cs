namespace Tracehound.Processing.Obfuscation;

/// <summary>The agent's <c>apm_config.obfuscation.redis</c> settings (also used for Valkey).</summary>
internal sealed class RedisObfuscationOptions
{
    public static RedisObfuscationOptions Default { get; } = new();

    /// <summary><c>enabled</c> (default true): obfuscate <c>redis.raw_command</c>. The resource is quantized regardless.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>remove_all_args</c> (default false): keep only the command (and a few sub-command words), then '?'.</summary>
    public bool RemoveAllArgs { get; init; }
}
