namespace Tracehound.Processing.Obfuscation;

/// <summary>The agent's <c>apm_config.obfuscation.http</c> settings; both off by default.</summary>
internal sealed class HttpUrlObfuscationOptions
{
    public static HttpUrlObfuscationOptions Default { get; } = new();

    /// <summary><c>remove_query_string</c>: a non-empty query becomes a bare '?'.</summary>
    public bool RemoveQueryString { get; init; }

    /// <summary><c>remove_paths_with_digits</c>: a path segment holding an ASCII digit becomes '?'.</summary>
    public bool RemovePathDigits { get; init; }
}
