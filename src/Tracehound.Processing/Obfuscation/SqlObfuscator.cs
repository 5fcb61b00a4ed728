namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// SQL (and Cassandra CQL) obfuscation in the agent's default "legacy tokenizer" mode (spec §5.2): literals
/// and placeholders become '?', lists of literals collapse to <c>( ? )</c>, comments and aliases go, tokens
/// are re-joined with single spaces. One pass over the input with the agent's three filters (discard,
/// replace, group) applied per token; writes into a stack or pooled buffer, so the result string is the only
/// allocation (none at all when the statement is already obfuscated). Never throws: a tokenizer error gives
/// <see cref="NonParsableQuery"/>.
/// </summary>
internal sealed class SqlObfuscator
{
    /// <summary>What the agent stores as resource and <c>sql.query</c> for a statement it cannot tokenize.</summary>
    public const string NonParsableQuery = "Non-parsable SQL query";

    internal const string FuncDelimiter = "$func$";

    private const int StackBufferChars = 512;

    private readonly SqlObfuscationOptions _options;

    public SqlObfuscator(SqlObfuscationOptions? options = null) => _options = options ?? SqlObfuscationOptions.Default;

    public SqlObfuscationOptions Options => _options;

    /// <summary>Obfuscates <paramref name="query"/>; the result's Query is the agent's fallback text on a tokenizer error.</summary>
    public SqlObfuscationResult Obfuscate(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return new SqlObfuscationResult(string.Empty, string.Empty, IsParsable: true);
        }
        if (query == NonParsableQuery)
        {
            // Keep the fallback a fixed point, so obfuscating twice changes nothing.
            return new SqlObfuscationResult(NonParsableQuery, string.Empty, IsParsable: false);
        }

        // Every token is at least one char and costs at most one separator, so twice the input fits.
        var capacity = (query.Length * 2) + 16;
        var output = new ObfuscationBuffer(capacity <= StackBufferChars ? stackalloc char[capacity] : default, capacity);
        try
        {
            List<string>? tables = null;
            var parsed = Run(query, ref output, backslashIsLiteral: false, ref tables, out var sawBackslash);
            if (!parsed && sawBackslash)
            {
                // As the agent: a backslash may be a literal char (PostgreSQL standard strings), not an escape.
                output.Truncate(0);
                tables?.Clear();
                parsed = Run(query, ref output, backslashIsLiteral: true, ref tables, out _);
            }
            if (!parsed)
            {
                return new SqlObfuscationResult(NonParsableQuery, string.Empty, IsParsable: false);
            }
            var tableNames = tables is null or { Count: 0 } ? string.Empty : string.Join(',', tables);
            return new SqlObfuscationResult(output.ToString(query), tableNames, IsParsable: true);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>Just the obfuscated text (the fallback text on error).</summary>
    public string ObfuscateToString(string? query) => Obfuscate(query).Query;

    /// <summary>
    /// Tokenizes <paramref name="input"/> and writes the obfuscated statement. Tokens that are removed
    /// without a trace (comments, ';', <c>AS alias</c>) are transparent: they change no filter state, so a
    /// statement and its obfuscated form go through the same decisions and obfuscation is idempotent.
    /// </summary>
    private bool Run(ReadOnlySpan<char> input, ref ObfuscationBuffer output, bool backslashIsLiteral, ref List<string>? tables, out bool sawBackslash)
    {
        var tokenizer = new SqlTokenizer(input, backslashIsLiteral);
        var outputStart = output.Length;
        var last = SqlTokenKind.None; // the last token that was not transparent, as the filters left it
        var aliasPending = false;     // the token after AS is the alias
        var inBracketedAlias = false; // AS [alias]: everything up to ']'
        var groupFilter = 0;          // '?' seen in the current run of literals
        var groupMulti = 0;           // > 0 once a parenthesised list of literals started
        var droppedDepth = 0;         // > 0 inside a further tuple of such a list (dropped)
        var ok = true;
        while (true)
        {
            var kind = tokenizer.Next();
            if (kind == SqlTokenKind.End)
            {
                break;
            }
            if (kind == SqlTokenKind.Error)
            {
                ok = false;
                break;
            }
            var text = tokenizer.Token;

            // 1. Discard filter: comments, statement separators and aliases go, transparently.
            if (kind == SqlTokenKind.Comment)
            {
                continue;
            }
            if (inBracketedAlias)
            {
                if (kind == SqlTokenKind.CloseBracket)
                {
                    inBracketedAlias = false;
                }
                else if (kind != SqlTokenKind.Identifier)
                {
                    // As the agent: only a name may stand inside "AS [ ... ]".
                    ok = false;
                    break;
                }
                continue;
            }
            if (aliasPending)
            {
                aliasPending = false;
                inBracketedAlias = kind == SqlTokenKind.OpenBracket;
                continue;
            }
            if (kind == SqlTokenKind.Semicolon)
            {
                continue;
            }
            if (kind == SqlTokenKind.As && !_options.KeepSqlAlias)
            {
                aliasPending = true;
                continue;
            }

            // Table names are recorded before digits are replaced, as the agent does.
            if (_options.CollectTableNames)
            {
                CollectTable(last, kind, text, ref tables);
            }

            // 2. Replace filter: literals and placeholders become '?'.
            var emit = Emit.Raw;
            if (last == SqlTokenKind.Savepoint)
            {
                kind = MarkGroupable(kind);
                emit = Emit.Question;
            }
            else if (last == SqlTokenKind.Equals && kind == SqlTokenKind.DoubleQuotedIdentifier)
            {
                // MySQL double-quoted strings after an assignment.
                kind = SqlTokenKind.FilteredGroupable;
                emit = Emit.Question;
            }
            else
            {
                switch (kind)
                {
                    case SqlTokenKind.DollarQuotedFunc when _options.DollarQuotedFunc:
                        emit = Emit.DollarFunc;
                        break;
                    case SqlTokenKind.DollarQuotedFunc:
                    case SqlTokenKind.DollarQuoted:
                    case SqlTokenKind.String:
                    case SqlTokenKind.Number:
                    case SqlTokenKind.Null:
                    case SqlTokenKind.Variable:
                    case SqlTokenKind.PositionalParameter:
                    case SqlTokenKind.Boolean:
                    case SqlTokenKind.EscapeSequence:
                    case SqlTokenKind.Question:
                        kind = SqlTokenKind.FilteredGroupable;
                        emit = Emit.Question;
                        break;
                    case SqlTokenKind.QuotedIdentifier:
                    case SqlTokenKind.DoubleQuotedIdentifier:
                        emit = Emit.Unquoted;
                        break;
                }
            }

            // 3. Grouping filter: one '?' per run of literals, "( ? )" for a list of literal tuples.
            var subqueryPrefix = false;
            if (droppedDepth > 0)
            {
                if (last == SqlTokenKind.FilteredGroupableParenthesis
                    && kind is SqlTokenKind.Select or SqlTokenKind.Delete or SqlTokenKind.Update or SqlTokenKind.Identifier)
                {
                    // The dropped '(' opened a nested query after all: put it back and stop grouping.
                    groupFilter = groupMulti = droppedDepth = 0;
                    subqueryPrefix = true;
                }
                else
                {
                    droppedDepth += kind == SqlTokenKind.OpenParen ? 1 : kind == SqlTokenKind.CloseParen ? -1 : 0;
                    kind = MarkGroupable(kind);
                    emit = Emit.Nothing;
                }
            }
            else if (IsGroupable(kind))
            {
                if (last == SqlTokenKind.OpenParen)
                {
                    groupMulti++;
                }
                groupFilter++;
                if (groupFilter > 1)
                {
                    emit = Emit.Nothing;
                }
            }
            else if (groupFilter > 0 && kind == SqlTokenKind.Comma)
            {
                // The agent drops a comma after a literal, even in "SET a = ?, b = ?".
                kind = SqlTokenKind.FilteredGroupable;
                emit = Emit.Nothing;
            }
            else if (groupMulti > 0 && kind == SqlTokenKind.OpenParen)
            {
                // A further tuple of a list of literal tuples: dropped up to its ')'.
                droppedDepth = 1;
                kind = SqlTokenKind.FilteredGroupableParenthesis;
                emit = Emit.Nothing;
            }
            else if (kind is not (SqlTokenKind.Comma or SqlTokenKind.OpenParen or SqlTokenKind.CloseParen))
            {
                groupFilter = 0;
                groupMulti = 0;
            }

            // Write: single spaces between tokens, none before a comma or between ':' and '='.
            if (emit != Emit.Nothing)
            {
                if (output.Length > outputStart
                    && kind != SqlTokenKind.Comma
                    && !(kind == SqlTokenKind.Equals && last == SqlTokenKind.Colon))
                {
                    output.Append(' ');
                }
                if (subqueryPrefix)
                {
                    output.Append("( ");
                }
                if (!Write(emit, kind, text, ref output, backslashIsLiteral, ref tables))
                {
                    ok = false;
                    break;
                }
            }
            last = kind;
        }
        sawBackslash = tokenizer.SawBackslashInString;
        return ok;
    }

    private bool Write(Emit emit, SqlTokenKind kind, ReadOnlySpan<char> text, ref ObfuscationBuffer output, bool backslashIsLiteral, ref List<string>? tables)
    {
        switch (emit)
        {
            case Emit.Question:
                output.Append('?');
                return true;
            case Emit.DollarFunc:
                output.Append(FuncDelimiter);
                var body = text[FuncDelimiter.Length..^FuncDelimiter.Length];
                if (!Run(body, ref output, backslashIsLiteral, ref tables, out _))
                {
                    return false;
                }
                output.Append(FuncDelimiter);
                return true;
            case Emit.Unquoted:
                var inner = text[1..^1];
                if (IsSafeBareName(inner))
                {
                    WriteName(inner, ref output);
                }
                else
                {
                    // Unquoting would change how the name tokenizes next time (spaces, operators, keywords):
                    // keep the quotes so that obfuscation stays idempotent.
                    output.Append(text);
                }
                return true;
            default:
                if (kind == SqlTokenKind.Identifier)
                {
                    WriteName(text, ref output);
                }
                else
                {
                    output.Append(text);
                }
                return true;
        }
    }

    private void WriteName(ReadOnlySpan<char> name, ref ObfuscationBuffer output)
    {
        if (!_options.ReplaceDigits)
        {
            output.Append(name);
            return;
        }
        // A run of digits becomes one '?', as the agent does.
        var inDigits = false;
        foreach (var c in name)
        {
            var isDigit = SqlTokenizer.IsDigit(c);
            if (!isDigit)
            {
                output.Append(c);
            }
            else if (!inDigits)
            {
                output.Append('?');
            }
            inDigits = isDigit;
        }
    }

    /// <summary>True when the unquoted name reads back as the same single identifier that is not a keyword.</summary>
    private static bool IsSafeBareName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !SqlTokenizer.IsLeadingIdentifierChar(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!SqlTokenizer.IsIdentifierChar(c))
            {
                return false;
            }
        }
        return SqlTokenizer.KeywordKind(name) == SqlTokenKind.Identifier;
    }

    private static void CollectTable(SqlTokenKind last, SqlTokenKind kind, ReadOnlySpan<char> text, ref List<string>? tables)
    {
        if (last is not (SqlTokenKind.From or SqlTokenKind.Join or SqlTokenKind.Update or SqlTokenKind.Into))
        {
            return;
        }
        ReadOnlySpan<char> name;
        if (kind is SqlTokenKind.Identifier)
        {
            name = text;
        }
        else if (kind is SqlTokenKind.QuotedIdentifier or SqlTokenKind.DoubleQuotedIdentifier)
        {
            name = text[1..^1];
        }
        else
        {
            return;
        }
        if (name.IsEmpty || (last is SqlTokenKind.From or SqlTokenKind.Join && !char.IsLetter(name[0])))
        {
            // "FROM (SELECT ...)" and friends: not a table.
            return;
        }
        tables ??= [];
        foreach (var known in tables)
        {
            if (name.SequenceEqual(known))
            {
                return;
            }
        }
        tables.Add(name.ToString());
    }

    private static bool IsGroupable(SqlTokenKind kind) =>
        kind is SqlTokenKind.FilteredGroupable or SqlTokenKind.FilteredGroupableParenthesis;

    private static SqlTokenKind MarkGroupable(SqlTokenKind kind) =>
        kind == SqlTokenKind.OpenParen ? SqlTokenKind.FilteredGroupableParenthesis : SqlTokenKind.FilteredGroupable;

    private enum Emit : byte
    {
        Nothing,
        Raw,
        Question,
        Unquoted,
        DollarFunc,
    }
}
