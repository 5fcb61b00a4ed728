namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// The obfuscation knobs the server exposes (<c>--obfuscation-*</c>), with the Datadog agent's
/// defaults: URL query strings and path digits kept, credit-card numbers replaced (without the
/// Luhn check), SQL digits in identifiers kept.
/// </summary>
public sealed record ObfuscationSettings
{
    /// <summary><c>apm_config.obfuscation.http.remove_query_string</c>.</summary>
    public bool HttpRemoveQueryString { get; init; }

    /// <summary><c>apm_config.obfuscation.http.remove_paths_with_digits</c>.</summary>
    public bool HttpRemovePathDigits { get; init; }

    /// <summary><c>apm_config.obfuscation.credit_cards.enabled</c>.</summary>
    public bool CreditCards { get; init; } = true;

    /// <summary><c>apm_config.obfuscation.credit_cards.luhn</c>.</summary>
    public bool CreditCardsLuhn { get; init; }

    /// <summary><c>apm_config.obfuscation.sql.replace_digits</c>: digits in table and column names become <c>?</c>.</summary>
    public bool SqlReplaceDigits { get; init; }

    internal ObfuscationOptions ToOptions() => new()
    {
        Sql = new SqlObfuscationOptions { ReplaceDigits = SqlReplaceDigits },
        Http = new HttpUrlObfuscationOptions { RemoveQueryString = HttpRemoveQueryString, RemovePathDigits = HttpRemovePathDigits },
        CreditCards = new CreditCardObfuscationOptions { Enabled = CreditCards, Luhn = CreditCardsLuhn },
    };
}
