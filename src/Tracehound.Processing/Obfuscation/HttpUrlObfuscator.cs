namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// <c>http.url</c> per spec §5.4: userinfo (<c>user:pass@</c>) always removed; optionally the query string
/// (kept as a bare '?', fragment kept) and path segments containing a digit (checked after percent-decoding,
/// replaced by '?'). Works on the raw text, so untouched parts keep their exact spelling. A URL the agent's
/// parser (Go net/url) would reject — control characters or a bad percent-escape — becomes '?' when an
/// option is on; with no option on it only loses its userinfo.
/// </summary>
internal sealed class HttpUrlObfuscator
{
    private const int StackBufferChars = 512;

    private readonly HttpUrlObfuscationOptions _options;

    public HttpUrlObfuscator(HttpUrlObfuscationOptions? options = null) => _options = options ?? HttpUrlObfuscationOptions.Default;

    public HttpUrlObfuscationOptions Options => _options;

    public string Obfuscate(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return string.Empty;
        }
        ReadOnlySpan<char> text = url;
        var anyOption = _options.RemoveQueryString || _options.RemovePathDigits;
        if (anyOption && !IsParsable(text))
        {
            return "?";
        }

        // Split as RFC 3986 does: scheme ":" ["//" authority] path ["?" query] ["#" fragment].
        var fragmentAt = text.IndexOf('#');
        var beforeFragment = fragmentAt < 0 ? text : text[..fragmentAt];
        var fragment = fragmentAt < 0 ? [] : text[fragmentAt..];
        var queryAt = beforeFragment.IndexOf('?');
        var beforeQuery = queryAt < 0 ? beforeFragment : beforeFragment[..queryAt];
        var query = queryAt < 0 ? [] : beforeFragment[queryAt..];

        var schemeLength = SchemeLength(beforeQuery);
        var afterScheme = beforeQuery[schemeLength..];
        var prefix = beforeQuery[..schemeLength];
        ReadOnlySpan<char> authority = [];
        var path = afterScheme;
        if (afterScheme.StartsWith("//"))
        {
            var authorityEnd = afterScheme[2..].IndexOf('/');
            authority = authorityEnd < 0 ? afterScheme[2..] : afterScheme.Slice(2, authorityEnd);
            path = authorityEnd < 0 ? [] : afterScheme[(2 + authorityEnd)..];
            var userinfoEnd = authority.LastIndexOf('@');
            if (userinfoEnd >= 0)
            {
                authority = authority[(userinfoEnd + 1)..];
            }
        }

        var capacity = text.Length + 16;
        var output = new ObfuscationBuffer(capacity <= StackBufferChars ? stackalloc char[capacity] : default, capacity);
        try
        {
            output.Append(prefix);
            if (afterScheme.StartsWith("//"))
            {
                output.Append("//");
                output.Append(authority);
            }
            if (_options.RemovePathDigits)
            {
                AppendPathWithoutDigitSegments(path, ref output);
            }
            else
            {
                output.Append(path);
            }
            if (_options.RemoveQueryString && query.Length > 0)
            {
                output.Append('?');
            }
            else
            {
                output.Append(query);
            }
            output.Append(fragment);
            return output.ToString(url);
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void AppendPathWithoutDigitSegments(ReadOnlySpan<char> path, ref ObfuscationBuffer output)
    {
        var first = true;
        foreach (var range in path.Split('/'))
        {
            if (!first)
            {
                output.Append('/');
            }
            first = false;
            var segment = path[range];
            if (HasDecodedDigit(segment))
            {
                output.Append('?');
            }
            else
            {
                output.Append(segment);
            }
        }
    }

    /// <summary>True when the percent-decoded segment contains an ASCII digit (<c>%31</c> is a digit, <c>%3F</c> is not).</summary>
    private static bool HasDecodedDigit(ReadOnlySpan<char> segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%' && i + 2 < segment.Length && char.IsAsciiHexDigit(segment[i + 1]) && char.IsAsciiHexDigit(segment[i + 2]))
            {
                var decoded = (HexValue(segment[i + 1]) << 4) | HexValue(segment[i + 2]);
                if (decoded is >= '0' and <= '9')
                {
                    return true;
                }
                i += 2;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>The length of "scheme:" when the text starts with a valid scheme, else 0.</summary>
    private static int SchemeLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0]))
        {
            return 0;
        }
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i + 1;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }
        return 0;
    }

    /// <summary>What Go's url.Parse rejects that matters here: ASCII control chars and malformed percent-escapes.</summary>
    private static bool IsParsable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == 0x7f)
            {
                return false;
            }
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }
}
