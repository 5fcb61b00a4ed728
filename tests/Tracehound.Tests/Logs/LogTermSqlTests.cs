using System.Text;
using Xunit;

namespace Tracehound.Tests.Logs;

/// <summary>The assumption the store's text push-down rests on (see LogTermSql's remarks).</summary>
public sealed class LogTermSqlTests
{
    [Fact]
    public void OrdinalIgnoreCase_NoNonAsciiCharacter_EqualsAnAsciiLetter()
    {
        var offenders = new List<string>();
        for (var codePoint = 0x80; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = char.ConvertFromUtf32(codePoint);
            if (text.Length == 1 && char.ToUpperInvariant(text[0]) is var upper && upper < 0x80 && char.IsAsciiLetter(upper))
            {
                offenders.Add($"U+{codePoint:X4} (upper)");
            }

            foreach (var letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            {
                if (string.Equals(text, letter.ToString(), StringComparison.OrdinalIgnoreCase) ||
                    ("#" + text + "#").Contains(letter, StringComparison.OrdinalIgnoreCase))
                {
                    offenders.Add($"U+{codePoint:X4} ~ {letter}");
                }
            }
        }

        Assert.Empty(offenders);
    }
}
