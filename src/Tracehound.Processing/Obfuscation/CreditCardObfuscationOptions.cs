namespace Tracehound.Processing.Obfuscation;

/// <summary>The agent's <c>apm_config.obfuscation.credit_cards</c> settings.</summary>
internal sealed class CreditCardObfuscationOptions
{
    public static CreditCardObfuscationOptions Default { get; } = new();

    /// <summary><c>enabled</c> (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>luhn</c> (default false): also require a valid Luhn checksum (fewer false positives, more CPU).</summary>
    public bool Luhn { get; init; }

    /// <summary><c>keep_values</c>: extra tag keys never checked.</summary>
    public IReadOnlyCollection<string> KeepValues { get; init; } = [];
}
