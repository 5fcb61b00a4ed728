namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// The outcome of obfuscating one SQL statement. When the tokenizer fails, <see cref="Query"/> is
/// <see cref="SqlObfuscator.NonParsableQuery"/> (what the agent stores as resource and <c>sql.query</c>).
/// </summary>
/// <param name="Query">The obfuscated statement.</param>
/// <param name="Tables">Comma-separated table names in order of first appearance (empty unless collected).</param>
/// <param name="IsParsable">False when the tokenizer failed.</param>
internal readonly record struct SqlObfuscationResult(string Query, string Tables, bool IsParsable);
