namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// Splits a raw Redis command text into commands (one per line) and arguments (separated by blanks;
/// a <c>"..."</c> argument with backslash escapes may contain blanks and newlines and is kept verbatim).
/// An unterminated quote runs to the end of the text.
/// </summary>
internal ref struct RedisCommandReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public RedisCommandReader(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>True while another argument remains on the current line.</summary>
    public bool HasArgument
    {
        get
        {
            SkipBlanks();
            return _position < _text.Length && _text[_position] != '\n';
        }
    }

    /// <summary>Moves to the start of the next command line; false at the end of the text.</summary>
    public bool NextCommand()
    {
        // The caller has read the previous line's arguments; skip its newline and any empty lines.
        while (_position < _text.Length && (_text[_position] == '\n' || IsBlank(_text[_position])))
        {
            _position++;
        }
        return _position < _text.Length;
    }

    public ReadOnlySpan<char> NextArgument()
    {
        SkipBlanks();
        var start = _position;
        var inQuotes = false;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (inQuotes)
            {
                if (c == '\\' && _position + 1 < _text.Length)
                {
                    _position += 2;
                    continue;
                }
                if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '\n' || IsBlank(c))
            {
                break;
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            _position++;
        }
        return _text[start.._position];
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && IsBlank(_text[_position]))
        {
            _position++;
        }
    }

    private static bool IsBlank(char c) => c != '\n' && char.IsWhiteSpace(c);
}
