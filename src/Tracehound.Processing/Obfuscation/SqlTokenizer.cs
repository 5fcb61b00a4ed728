namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// A hand-written SQL tokenizer over a span, close to the Datadog agent's legacy tokenizer: it never
/// allocates and reports <see cref="SqlTokenKind.Error"/> (never throws) for an unterminated string,
/// quoted identifier, block comment, dollar-quoted body or escape sequence.
/// </summary>
internal ref struct SqlTokenizer
{
    private readonly ReadOnlySpan<char> _input;
    private readonly bool _backslashIsLiteral;
    private int _position;

    public SqlTokenizer(ReadOnlySpan<char> input, bool backslashIsLiteral)
    {
        _input = input;
        _backslashIsLiteral = backslashIsLiteral;
        _position = 0;
        TokenStart = 0;
        TokenLength = 0;
        SawBackslashInString = false;
    }

    public int TokenStart { get; private set; }

    public int TokenLength { get; private set; }

    /// <summary>Set when a string contained a backslash, so a failed run can retry with backslashes literal.</summary>
    public bool SawBackslashInString { get; private set; }

    public readonly ReadOnlySpan<char> Token => _input.Slice(TokenStart, TokenLength);

    public SqlTokenKind Next()
    {
        var input = _input;
        while (_position < input.Length && IsWhiteSpace(input[_position]))
        {
            _position++;
        }
        TokenStart = _position;
        if (_position >= input.Length)
        {
            TokenLength = 0;
            return SqlTokenKind.End;
        }

        var kind = Scan(input[_position]);
        TokenLength = _position - TokenStart;
        return kind;
    }

    private SqlTokenKind Scan(char c)
    {
        var next = Peek(1);
        switch (c)
        {
            case '\'':
                return ScanQuoted('\'', SqlTokenKind.String, allowBackslash: !_backslashIsLiteral);
            case '"':
                return ScanQuoted('"', SqlTokenKind.DoubleQuotedIdentifier, allowBackslash: false);
            case '`':
                return ScanQuoted('`', SqlTokenKind.QuotedIdentifier, allowBackslash: false);
            case '-' when next == '-':
            case '#':
                return ScanLineComment();
            case '-' when IsDigit(next):
                _position++;
                return ScanNumber();
            case '.' when IsDigit(next):
                return ScanNumber();
            case '/' when next == '*':
                return ScanBlockComment();
            case '{':
                return ScanEscapeSequence();
            case '$':
                return ScanDollar();
            case '%':
                return ScanPercent(next);
            case ':':
                return ScanColon(next);
            case '?':
                return Single(SqlTokenKind.Question);
            case '(':
                return Single(SqlTokenKind.OpenParen);
            case ')':
                return Single(SqlTokenKind.CloseParen);
            case ',':
                return Single(SqlTokenKind.Comma);
            case ';':
                return Single(SqlTokenKind.Semicolon);
            case '=':
                return Single(SqlTokenKind.Equals);
            case '[':
                return Single(SqlTokenKind.OpenBracket);
            case ']':
                return Single(SqlTokenKind.CloseBracket);
            case '<':
                // <=>, <=, <>, <<
                _position += next == '=' ? (Peek(2) == '>' ? 3 : 2) : next is '>' or '<' ? 2 : 1;
                return SqlTokenKind.Operator;
            case '>':
                _position += next is '=' or '>' ? 2 : 1;
                return SqlTokenKind.Operator;
            case '!':
                _position += next == '=' ? 2 : 1;
                return SqlTokenKind.Operator;
            case '|':
                _position += next == '|' ? 2 : 1;
                return SqlTokenKind.Operator;
            case '&':
                _position += next == '&' ? 2 : 1;
                return SqlTokenKind.Operator;
            case '-' when next == '>':
                // JSON operators -> and ->>
                _position += Peek(2) == '>' ? 3 : 2;
                return SqlTokenKind.Operator;
            default:
                if (IsDigit(c))
                {
                    return ScanNumber();
                }
                if (IsLeadingIdentifierChar(c))
                {
                    return ScanIdentifier();
                }
                return Single(SqlTokenKind.Operator);
        }
    }

    private SqlTokenKind Single(SqlTokenKind kind)
    {
        _position++;
        return kind;
    }

    private readonly char Peek(int offset)
    {
        var index = _position + offset;
        return index < _input.Length ? _input[index] : '\0';
    }

    private SqlTokenKind ScanQuoted(char delimiter, SqlTokenKind kind, bool allowBackslash)
    {
        var input = _input;
        var i = _position + 1;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == delimiter)
            {
                if (i + 1 < input.Length && input[i + 1] == delimiter)
                {
                    // A doubled delimiter embeds the delimiter.
                    i += 2;
                    continue;
                }
                _position = i + 1;
                return kind;
            }
            if (c == '\\' && delimiter == '\'')
            {
                SawBackslashInString = true;
                if (allowBackslash)
                {
                    i += 2;
                    continue;
                }
            }
            i++;
        }
        _position = input.Length;
        return SqlTokenKind.Error;
    }

    private SqlTokenKind ScanLineComment()
    {
        var rest = _input[_position..];
        var end = rest.IndexOf('\n');
        _position = end < 0 ? _input.Length : _position + end + 1;
        return SqlTokenKind.Comment;
    }

    private SqlTokenKind ScanBlockComment()
    {
        var end = _input[(_position + 2)..].IndexOf("*/");
        if (end < 0)
        {
            _position = _input.Length;
            return SqlTokenKind.Error;
        }
        _position += 2 + end + 2;
        return SqlTokenKind.Comment;
    }

    private SqlTokenKind ScanNumber()
    {
        var input = _input;
        var i = _position;
        if (input[i] == '0' && i + 1 < input.Length && (input[i + 1] | 0x20) == 'x')
        {
            i += 2;
            while (i < input.Length && char.IsAsciiHexDigit(input[i]))
            {
                i++;
            }
            _position = i;
            return SqlTokenKind.Number;
        }
        while (i < input.Length && IsDigit(input[i]))
        {
            i++;
        }
        if (i < input.Length && input[i] == '.')
        {
            i++;
            while (i < input.Length && IsDigit(input[i]))
            {
                i++;
            }
        }
        if (i < input.Length && (input[i] | 0x20) == 'e')
        {
            var j = i + 1;
            if (j < input.Length && input[j] is '+' or '-')
            {
                j++;
            }
            if (j < input.Length && IsDigit(input[j]))
            {
                i = j;
                while (i < input.Length && IsDigit(input[i]))
                {
                    i++;
                }
            }
        }
        _position = i;
        return SqlTokenKind.Number;
    }

    private SqlTokenKind ScanIdentifier()
    {
        var input = _input;
        var i = _position + 1;
        while (i < input.Length && IsIdentifierChar(input[i]))
        {
            i++;
        }
        var word = input[_position..i];
        _position = i;
        return KeywordKind(word);
    }

    /// <summary>ODBC escape sequences and Cassandra map literals: <c>{...}</c>, nested, strings skipped.</summary>
    private SqlTokenKind ScanEscapeSequence()
    {
        var input = _input;
        var depth = 0;
        var i = _position;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
                if (depth == 0)
                {
                    _position = i + 1;
                    return SqlTokenKind.EscapeSequence;
                }
            }
            else if (c == '\'')
            {
                var close = input[(i + 1)..].IndexOf('\'');
                if (close < 0)
                {
                    break;
                }
                i += close + 1;
            }
            i++;
        }
        _position = input.Length;
        return SqlTokenKind.Error;
    }

    /// <summary><c>$1</c> positional parameters, <c>$tag$...$tag$</c> dollar-quoted bodies, or a lone <c>$</c>.</summary>
    private SqlTokenKind ScanDollar()
    {
        var input = _input;
        var i = _position + 1;
        if (i < input.Length && IsDigit(input[i]))
        {
            while (i < input.Length && IsDigit(input[i]))
            {
                i++;
            }
            _position = i;
            return SqlTokenKind.PositionalParameter;
        }
        while (i < input.Length && (char.IsAsciiLetterOrDigit(input[i]) || input[i] == '_'))
        {
            i++;
        }
        if (i >= input.Length || input[i] != '$')
        {
            return Single(SqlTokenKind.Operator);
        }
        var delimiter = input[_position..(i + 1)];
        var close = input[(i + 1)..].IndexOf(delimiter);
        if (close < 0)
        {
            _position = input.Length;
            return SqlTokenKind.Error;
        }
        _position = i + 1 + close + delimiter.Length;
        return delimiter.SequenceEqual(SqlObfuscator.FuncDelimiter) ? SqlTokenKind.DollarQuotedFunc : SqlTokenKind.DollarQuoted;
    }

    /// <summary><c>%s</c>, <c>%(name)s</c> format parameters, or the modulo operator.</summary>
    private SqlTokenKind ScanPercent(char next)
    {
        if (next == '(')
        {
            var close = _input[_position..].IndexOf(')');
            if (close > 0)
            {
                _position += close + 1;
                if (_position < _input.Length && char.IsAsciiLetter(_input[_position]))
                {
                    _position++;
                }
                return SqlTokenKind.Variable;
            }
        }
        if (char.IsAsciiLetter(next))
        {
            _position += 2;
            return SqlTokenKind.Variable;
        }
        return Single(SqlTokenKind.Operator);
    }

    private SqlTokenKind ScanColon(char next)
    {
        if (next == ':')
        {
            _position += 2;
            return SqlTokenKind.ColonCast;
        }
        if (IsLeadingIdentifierChar(next))
        {
            var i = _position + 2;
            while (i < _input.Length && IsIdentifierChar(_input[i]))
            {
                i++;
            }
            _position = i;
            return SqlTokenKind.NamedParameter;
        }
        return Single(SqlTokenKind.Colon);
    }

    /// <summary>The keyword an identifier is, or <see cref="SqlTokenKind.Identifier"/>; a first-letter test skips most names cheaply.</summary>
    public static SqlTokenKind KeywordKind(ReadOnlySpan<char> word)
    {
        if (word.Length is < 2 or > 9)
        {
            return SqlTokenKind.Identifier;
        }
        return (word[0] | 0x20) switch
        {
            'a' when word.Equals("AS", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.As,
            'd' when word.Equals("DELETE", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Delete,
            'f' when word.Equals("FROM", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.From,
            'f' when word.Equals("FALSE", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Boolean,
            'i' when word.Equals("INTO", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Into,
            'j' when word.Equals("JOIN", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Join,
            'n' when word.Equals("NULL", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Null,
            's' when word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Select,
            's' when word.Equals("SAVEPOINT", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Savepoint,
            't' when word.Equals("TRUE", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Boolean,
            'u' when word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase) => SqlTokenKind.Update,
            _ => SqlTokenKind.Identifier,
        };
    }

    public static bool IsWhiteSpace(char c) =>
        c < 0x80 ? (s_asciiClasses[c] & WhiteSpaceClass) != 0 : char.IsWhiteSpace(c);

    public static bool IsDigit(char c) => char.IsAsciiDigit(c);

    /// <summary>Letters (any non-ASCII non-space char counts, so surrogate pairs stay whole), '_' and '@'.</summary>
    public static bool IsLeadingIdentifierChar(char c) =>
        c < 0x80 ? (s_asciiClasses[c] & LeadingClass) != 0 : !char.IsWhiteSpace(c);

    /// <summary>As the agent: dotted names, <c>t.*</c>, <c>table#.x</c> and <c>a$b</c> are one token.</summary>
    public static bool IsIdentifierChar(char c) =>
        c < 0x80 ? (s_asciiClasses[c] & IdentifierClass) != 0 : !char.IsWhiteSpace(c);

    private const byte WhiteSpaceClass = 1;
    private const byte LeadingClass = 2;
    private const byte IdentifierClass = 4;

    /// <summary>Character classes of the ASCII range, so the hot loops test one byte per char.</summary>
    private static readonly byte[] s_asciiClasses = BuildAsciiClasses();

    private static byte[] BuildAsciiClasses()
    {
        var classes = new byte[128];
        foreach (var c in " \t\n\r\f\v")
        {
            classes[c] |= WhiteSpaceClass;
        }
        for (var c = 0; c < 128; c++)
        {
            var ch = (char)c;
            if (char.IsAsciiLetter(ch) || ch is '_' or '@')
            {
                classes[c] |= LeadingClass | IdentifierClass;
            }
            else if (char.IsAsciiDigit(ch) || ch is '.' or '*' or '#' or '$')
            {
                classes[c] |= IdentifierClass;
            }
        }
        return classes;
    }
}
