using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// JSON obfuscation for <c>mongodb.query</c>, <c>elasticsearch.body</c> and <c>opensearch.body</c> (spec §5.1):
/// every scalar value becomes <c>"?"</c>, keys and structure stay, whitespace between tokens goes. Values under a
/// keep_values key are copied; string values under an obfuscate_sql_values key are SQL-obfuscated. Malformed
/// or truncated JSON (tracers cut long bodies) gives what was obfuscated up to the error followed by
/// <c>...</c>, as the agent does. One pass, no tree; never throws.
/// </summary>
internal sealed class JsonObfuscator
{
    public const string Ellipsis = "...";

    private const int MaxDepth = 256;
    private const int StackBufferChars = 512;
    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObfuscationOptions _options;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _keepKeys;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _sqlKeys;
    private readonly SqlObfuscator _sql = new();

    public JsonObfuscator(JsonObfuscationOptions? options = null)
    {
        _options = options ?? JsonObfuscationOptions.Default;
        _keepKeys = _options.KeepValues.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _sqlKeys = _options.ObfuscateSqlValues.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public JsonObfuscationOptions Options => _options;

    public string Obfuscate(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return string.Empty;
        }
        if (!_options.Enabled)
        {
            return json;
        }
        var capacity = (json.Length * 2) + 16;
        var output = new ObfuscationBuffer(capacity <= StackBufferChars ? stackalloc char[capacity] : default, capacity);
        Span<bool> isObject = stackalloc bool[MaxDepth];
        try
        {
            if (!Run(json, ref output, isObject))
            {
                output.Append(Ellipsis);
            }
            return output.ToString(json);
        }
        finally
        {
            output.Dispose();
        }
    }

    private bool Run(ReadOnlySpan<char> json, ref ObfuscationBuffer output, Span<bool> isObject)
    {
        var depth = 0;
        var expect = Expect.Value;
        var keepDepth = -1; // >= 0 while copying the value of a keep_values key
        var sqlValue = false;
        var sawValue = false;
        var i = 0;
        while (true)
        {
            while (i < json.Length && json[i] is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }
            if (i >= json.Length)
            {
                // Complete only if a top-level value was closed; whitespace alone is no error either.
                return depth == 0 && (sawValue || expect == Expect.Value);
            }
            var c = json[i];
            switch (expect)
            {
                case Expect.Value:
                case Expect.ValueOrEnd:
                    if (depth == 0 && sawValue)
                    {
                        return false; // a second top-level value
                    }
                    if (c is '{' or '[')
                    {
                        if (depth == MaxDepth)
                        {
                            return false;
                        }
                        isObject[depth++] = c == '{';
                        output.Append(c);
                        expect = c == '{' ? Expect.KeyOrEnd : Expect.ValueOrEnd;
                        sqlValue = false;
                        i++;
                        continue;
                    }
                    if (expect == Expect.ValueOrEnd && c == ']')
                    {
                        goto case Expect.CommaOrEnd;
                    }
                    var literalLength = LiteralLength(json[i..]);
                    if (literalLength <= 0)
                    {
                        return false;
                    }
                    var literal = json.Slice(i, literalLength);
                    if (keepDepth >= 0)
                    {
                        output.Append(literal);
                    }
                    else if (sqlValue && literal[0] == '"')
                    {
                        AppendObfuscatedSql(literal, ref output);
                    }
                    else
                    {
                        output.Append("\"?\"");
                    }
                    if (keepDepth == depth)
                    {
                        keepDepth = -1; // a kept scalar ends here
                    }
                    sqlValue = false;
                    i += literalLength;
                    expect = Expect.CommaOrEnd;
                    if (depth == 0)
                    {
                        sawValue = true;
                    }
                    continue;
                case Expect.Key:
                case Expect.KeyOrEnd:
                    if (expect == Expect.KeyOrEnd && c == '}')
                    {
                        goto case Expect.CommaOrEnd;
                    }
                    if (c != '"')
                    {
                        return false;
                    }
                    var keyLength = StringLength(json[i..]);
                    if (keyLength <= 0)
                    {
                        return false;
                    }
                    var key = json.Slice(i, keyLength);
                    output.Append(key);
                    if (keepDepth < 0)
                    {
                        var name = key[1..^1];
                        if (_keepKeys.Contains(name))
                        {
                            keepDepth = depth;
                        }
                        else
                        {
                            sqlValue = _sqlKeys.Contains(name);
                        }
                    }
                    i += keyLength;
                    expect = Expect.Colon;
                    continue;
                case Expect.Colon:
                    if (c != ':')
                    {
                        return false;
                    }
                    output.Append(':');
                    i++;
                    expect = Expect.Value;
                    continue;
                case Expect.CommaOrEnd:
                    if (depth == 0)
                    {
                        return false;
                    }
                    var inObject = isObject[depth - 1];
                    if (c == ',')
                    {
                        output.Append(',');
                        i++;
                        expect = inObject ? Expect.Key : Expect.Value;
                        continue;
                    }
                    if (c != (inObject ? '}' : ']'))
                    {
                        return false;
                    }
                    output.Append(c);
                    i++;
                    depth--;
                    if (keepDepth == depth)
                    {
                        keepDepth = -1; // the kept object or array closed
                    }
                    expect = Expect.CommaOrEnd;
                    if (depth == 0)
                    {
                        sawValue = true;
                    }
                    continue;
            }
        }
    }

    private void AppendObfuscatedSql(ReadOnlySpan<char> quoted, ref ObfuscationBuffer output)
    {
        string? text;
        try
        {
            text = quoted.Contains('\\') ? JsonSerializer.Deserialize<string>(quoted) : quoted[1..^1].ToString();
        }
        catch (JsonException)
        {
            text = null;
        }
        var result = text is null ? default : _sql.Obfuscate(text);
        if (!result.IsParsable || result.Query is null)
        {
            output.Append("\"?\"");
            return;
        }
        output.Append(JsonSerializer.Serialize(result.Query, s_relaxed));
    }

    /// <summary>The length of the string, number, true, false or null at the start of <paramref name="json"/>; 0 if none.</summary>
    private static int LiteralLength(ReadOnlySpan<char> json)
    {
        var c = json[0];
        if (c == '"')
        {
            return StringLength(json);
        }
        if (c == '-' || char.IsAsciiDigit(c))
        {
            var length = 1;
            while (length < json.Length && (char.IsAsciiDigit(json[length]) || json[length] is '.' or 'e' or 'E' or '+' or '-'))
            {
                length++;
            }
            return length;
        }
        if (json.StartsWith("true") || json.StartsWith("null"))
        {
            return 4;
        }
        return json.StartsWith("false") ? 5 : 0;
    }

    /// <summary>The length of the quoted string at the start of <paramref name="json"/>, quotes included; 0 if unterminated.</summary>
    private static int StringLength(ReadOnlySpan<char> json)
    {
        for (var i = 1; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                return i + 1;
            }
        }
        return 0;
    }

    private enum Expect : byte
    {
        Value,
        ValueOrEnd,
        Key,
        KeyOrEnd,
        Colon,
        CommaOrEnd,
    }
}
