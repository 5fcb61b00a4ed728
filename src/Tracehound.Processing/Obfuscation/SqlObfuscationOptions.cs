namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// The agent's <c>apm_config.obfuscation.sql</c> settings for the default (legacy tokenizer) mode.
/// All default to off, as in the agent.
/// </summary>
internal sealed class SqlObfuscationOptions
{
    public static SqlObfuscationOptions Default { get; } = new();

    /// <summary><c>keep_sql_alias</c>: keep <c>AS alias</c> instead of removing it.</summary>
    public bool KeepSqlAlias { get; init; }

    /// <summary><c>dollar_quoted_func</c>: obfuscate inside <c>$func$...$func$</c> instead of replacing it by '?'.</summary>
    public bool DollarQuotedFunc { get; init; }

    /// <summary><c>replace_digits</c>: each run of digits inside an identifier becomes one '?'.</summary>
    public bool ReplaceDigits { get; init; }

    /// <summary><c>table_names</c>: collect the tables after FROM, JOIN, INTO and UPDATE (for <c>sql.tables</c>).</summary>
    public bool CollectTableNames { get; init; }
}
