namespace Tracehound.Storage;

/// <summary>How <c>service:</c> and <c>@attribute:</c> values of a log query compare, shared by the matcher and the stores.</summary>
public static class LogValuePattern
{
    /// <summary>Equal ignoring case; a trailing <c>*</c> matches any rest, and <c>*</c> alone anything present.</summary>
    public static bool Matches(string actual, string pattern) =>
        pattern.EndsWith('*')
            ? actual.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
            : actual.Equals(pattern, StringComparison.OrdinalIgnoreCase);
}
