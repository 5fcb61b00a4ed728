using Tracehound.Processing.Obfuscation;

namespace Tracehound.Tests.Obfuscation;

public sealed class CreditCardObfuscatorTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("378282246310005")]
    [InlineData("5555555555554444")]
    [InlineData("6011111111111117")]
    [InlineData("3530111333300000")]
    [InlineData("2221000000000009")]
    [InlineData(" 4111111111111111")]
    public void IsCardNumber_KnownTestCards_True(string value) =>
        Assert.True(CreditCardObfuscator.IsCardNumber(value, validateLuhn: true));

    [Theory]
    [InlineData("411111111111")]
    [InlineData("41111111111")]
    [InlineData("41111111111111111")]
    [InlineData("9111111111111111")]
    [InlineData("4111a11111111111")]
    [InlineData("7111111111111111")]
    [InlineData("hello world, 4111")]
    public void IsCardNumber_WrongLengthPrefixOrChars_False(string value)
    {
        if (value == "411111111111")
        {
            // 12 digits with a valid prefix is a candidate; only the Luhn check rejects it.
            Assert.True(CreditCardObfuscator.IsCardNumber(value, validateLuhn: false));
            Assert.False(CreditCardObfuscator.IsCardNumber(value, validateLuhn: true));
            return;
        }
        Assert.False(CreditCardObfuscator.IsCardNumber(value, validateLuhn: false));
    }

    [Fact]
    public void Obfuscate_LuhnOff_ReplacesCandidatesEvenWithBadChecksum()
    {
        Assert.Equal("?", new CreditCardObfuscator().Obfuscate("card", "4111111111111112"));
        Assert.Equal("4111111111111112", new CreditCardObfuscator(new CreditCardObfuscationOptions { Luhn = true }).Obfuscate("card", "4111111111111112"));
    }

    [Theory]
    [InlineData("http.status_code")]
    [InlineData("error.msg")]
    [InlineData("_dd.p.tid")]
    [InlineData("sql.query")]
    [InlineData("custom.keep")]
    public void Obfuscate_SkippedKeys_KeepTheValue(string key) =>
        Assert.Equal("4111111111111111", new CreditCardObfuscator(new CreditCardObfuscationOptions { KeepValues = ["custom.keep"] }).Obfuscate(key, "4111111111111111"));

    [Fact]
    public void Obfuscate_Disabled_KeepsTheValue() =>
        Assert.Equal("4111111111111111", new CreditCardObfuscator(new CreditCardObfuscationOptions { Enabled = false }).Obfuscate("card", "4111111111111111"));
}
