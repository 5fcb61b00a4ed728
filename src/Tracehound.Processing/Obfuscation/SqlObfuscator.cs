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
        var output = new ObfuscationBuffer(query.Length * 2 <= StackBufferChars ? stackalloc char[StackBufferChars] : default);
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

    private bool Run(ReadOnlySpan<char> input, ref ObfuscationBuffer output, bool backslashIsLiteral, ref List<string>? tables, out bool sawBackslash)
    {
        var tokenizer = new SqlTokenizer(input, backslashIsLiteral);
        var outputStart = output.Length;
        var last = SqlTokenKind.None;
        var groupFilter = 0;
        var groupMulti = 0;
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
            var emit = Emit.Raw;

            // 1. Discard filter: comments, aliases, statement separators.
            if (last == SqlTokenKind.FilteredBracketedIdentifier)
            {
                if (kind != SqlTokenKind.CloseBracket)
                {
                    if (kind != SqlTokenKind.Identifier)
                    {
                        // The agent accepts only a name inside "AS [ ... ]".
                        ok = false;
                        break;
                    }
                    kind = SqlTokenKind.FilteredBracketedIdentifier;
                }
                else
                {
                    kind = SqlTokenKind.Filtered;
                }
                emit = Emit.Nothing;
            }
            else if (last == SqlTokenKind.As)
            {
                if (kind == SqlTokenKind.OpenBracket)
                {
                    kind = SqlTokenKind.FilteredBracketedIdentifier;
                    emit = Emit.Nothing;
                }
                else if (!_options.KeepSqlAlias || kind == SqlTokenKind.Comment)
                {
                    kind = SqlTokenKind.Filtered;
                    emit = Emit.Nothing;
                }
            }
            else
            {
                switch (kind)
                {
                    case SqlTokenKind.Comment:
                        kind = SqlTokenKind.Filtered;
                        emit = Emit.Nothing;
                        break;
                    case SqlTokenKind.Semicolon:
                        kind = SqlTokenKind.FilteredGroupable;
                        emit = Emit.Nothing;
                        break;
                    case SqlTokenKind.As when !_options.KeepSqlAlias:
                        emit = Emit.Nothing;
                        break;
                }
            }

            // Table names are recorded before digits are replaced, as the agent does.
            if (_options.CollectTableNames && emit != Emit.Nothing)
            {
                CollectTable(last, kind, text, ref tables);
            }

            // 2. Replace filter: literals and placeholders become '?'.
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

            // 3. Grouping filter: one '?' per group, "( ? )" for a list of literal tuples.
            var subqueryPrefix = false;
            if ((last == SqlTokenKind.OpenParen && IsGroupable(kind)) || (kind == SqlTokenKind.OpenParen && groupMulti > 0))
            {
                groupMulti++;
            }
            var startsSubquery = kind is SqlTokenKind.Select or SqlTokenKind.Delete or SqlTokenKind.Update or SqlTokenKind.Identifier;
            if (groupMulti > 0 && last == SqlTokenKind.FilteredGroupableParenthesis && startsSubquery)
            {
                // A dropped '(' opened a nested query after all: put it back and stop grouping.
                groupFilter = 0;
                groupMulti = 0;
                subqueryPrefix = true;
            }
            else if (IsGroupable(kind))
            {
                groupFilter++;
                if (groupFilter > 1)
                {
                    emit = Emit.Nothing;
                }
            }
            else if (groupFilter > 0 && kind is SqlTokenKind.Comma or SqlTokenKind.Question)
            {
                kind = SqlTokenKind.FilteredGroupable;
                emit = Emit.Nothing;
            }
            else if (groupMulti > 1)
            {
                kind = MarkGroupable(kind);
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
        foreach (var c in name)
        {
            output.Append(SqlTokenizer.IsDigit(c) ? '?' : c);
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
