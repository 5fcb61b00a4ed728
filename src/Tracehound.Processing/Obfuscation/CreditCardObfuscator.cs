using System.Collections.Frozen;

namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// Credit-card numbers in meta values (spec §5.5): a value that looks like a card number — 12 to 16 digits,
/// only digits, spaces and dashes, a known IIN prefix, optionally a valid Luhn checksum — becomes '?'.
/// Well-known tags that never hold one are skipped.
/// </summary>
internal sealed class CreditCardObfuscator
{
    private const int MinLength = 12;
    private const int MinDigits = 12;
    private const int MaxDigits = 16;

    /// <summary>Tags known not to hold card numbers (the agent's list).</summary>
    private static readonly FrozenSet<string> s_skippedKeys = FrozenSet.Create(StringComparer.Ordinal,
        "_sample_rate", "_sampling_priority_v1", "account_id", "aws_account", "env", "graphql.field", "graphql.query",
        "graphql.type", "graphql.operation.name", "grpc.code", "grpc.method", "grpc.request", "http.status_code",
        "http.method", "runtime-id", "out.host", "out.port", "sampling.priority", "span.type", "span.name",
        "service.name", "service", "sql.query", "version");

    private readonly CreditCardObfuscationOptions _options;
    private readonly FrozenSet<string> _keepKeys;

    public CreditCardObfuscator(CreditCardObfuscationOptions? options = null)
    {
        _options = options ?? CreditCardObfuscationOptions.Default;
        _keepKeys = _options.KeepValues.ToFrozenSet(StringComparer.Ordinal);
    }

    public CreditCardObfuscationOptions Options => _options;

    /// <summary>The value to store for tag <paramref name="key"/>: '?' if it looks like a card number, else the value itself.</summary>
    public string Obfuscate(string key, string value)
    {
        if (!_options.Enabled || IsSkippedKey(key) || !IsCardNumber(value, _options.Luhn))
        {
            return value;
        }
        return "?";
    }

    private bool IsSkippedKey(string key) =>
        s_skippedKeys.Contains(key)
        || key.StartsWith("error", StringComparison.Ordinal)
        || key.StartsWith("_dd", StringComparison.Ordinal)
        || _keepKeys.Contains(key);

    public static bool IsCardNumber(ReadOnlySpan<char> value, bool validateLuhn)
    {
        if (value.Length < MinLength)
        {
            return false;
        }
        var first = value[0];
        if (first is not (' ' or '-') && !char.IsAsciiDigit(first))
        {
            return false;
        }
        var prefix = 0;
        var digits = 0;
        var foundPrefix = false;
        foreach (var c in value)
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            digits++;
            if (digits > MaxDigits)
            {
                return false;
            }
            if (!foundPrefix)
            {
                prefix = (prefix * 10) + (c - '0');
                var (maybe, valid) = ClassifyPrefix(prefix, digits);
                if (valid)
                {
                    foundPrefix = true;
                }
                else if (!maybe)
                {
                    return false;
                }
            }
        }
        if (digits < MinDigits || !foundPrefix)
        {
            return false;
        }
        return !validateLuhn || IsLuhnValid(value);
    }

    /// <summary>
    /// Whether the first <paramref name="length"/> digits (<paramref name="prefix"/>) are a valid IIN
    /// (1, 4, 34–39, 51–55, 62, 65, 300–305, 309, 636, 644–649, 3528–3589, 5019, 6011, 222100–272099,
    /// 500000–509999, 560000–589999, 600000–699999) or could still become one.
    /// </summary>
    private static (bool Maybe, bool Valid) ClassifyPrefix(int prefix, int length)
    {
        switch (length)
        {
            case 1:
                return prefix is 1 or 4 ? (false, true) : (prefix is 2 or 3 or 5 or 6, false);
            case 2:
                if (prefix is (>= 34 and <= 39) or (>= 51 and <= 55) or 62 or 65)
                {
                    return (false, true);
                }
                return (prefix is 30 or 50 or (>= 22 and <= 27) or (>= 56 and <= 58) or (>= 60 and <= 69), false);
            case 3:
                if (prefix is (>= 300 and <= 305) or 309 or 636 or (>= 644 and <= 649))
                {
                    return (false, true);
                }
                return (prefix is (>= 352 and <= 358) or (>= 222 and <= 272) or (>= 500 and <= 509) or (>= 560 and <= 589) or (>= 600 and <= 699), false);
            case 4:
                if (prefix is (>= 3528 and <= 3589) or 5019 or 6011)
                {
                    return (false, true);
                }
                return (prefix is (>= 2221 and <= 2720) or (>= 5000 and <= 5099) or (>= 5600 and <= 5899) or (>= 6000 and <= 6999), false);
            case 5:
                return (prefix is (>= 22210 and <= 27209) or (>= 50000 and <= 50999) or (>= 56000 and <= 58999) or (>= 60000 and <= 69999), false);
            case 6:
                return (false, prefix is (>= 222100 and <= 272099) or (>= 500000 and <= 509999) or (>= 560000 and <= 589999) or (>= 600000 and <= 699999));
            default:
                return (false, false);
        }
    }

    private static bool IsLuhnValid(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }
            var digit = c - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
