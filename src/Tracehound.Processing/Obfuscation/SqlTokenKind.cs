namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// What the SQL tokenizer recognised, plus the kinds the obfuscation filters turn tokens into
/// (the last two), mirroring the agent's legacy tokenizer so its quirks come out the same.
/// </summary>
internal enum SqlTokenKind : byte
{
    None,
    End,
    Error,

    // Names, kept (unquoted when that is safe).
    Identifier,
    QuotedIdentifier,
    DoubleQuotedIdentifier,
    NamedParameter,

    // Literals and placeholders, replaced by '?'.
    String,
    Number,
    Null,
    Boolean,
    Variable,
    PositionalParameter,
    Question,
    DollarQuoted,
    DollarQuotedFunc,
    EscapeSequence,

    Comment,

    // Punctuation and operators.
    OpenParen,
    CloseParen,
    Comma,
    Semicolon,
    Equals,
    Colon,
    ColonCast,
    OpenBracket,
    CloseBracket,
    Operator,

    // Keywords the filters care about.
    As,
    From,
    Join,
    Into,
    Update,
    Savepoint,
    Select,
    Delete,

    // Filter results: a literal (or a token dropped inside a group), and a dropped '('.
    FilteredGroupable,
    FilteredGroupableParenthesis,
}
