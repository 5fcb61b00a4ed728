namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// <c>memcached.command</c> per spec §5.1: by default the whole value goes (empty result, the caller drops the
/// tag); with keep_command only the first line stays, because storage commands carry the value after CRLF.
/// </summary>
internal sealed class MemcachedObfuscator
{
    private readonly MemcachedObfuscationOptions _options;

    public MemcachedObfuscator(MemcachedObfuscationOptions? options = null) => _options = options ?? MemcachedObfuscationOptions.Default;

    public MemcachedObfuscationOptions Options => _options;

    public string Obfuscate(string? command)
    {
        if (string.IsNullOrEmpty(command))
        {
            return string.Empty;
        }
        if (!_options.Enabled)
        {
            return command;
        }
        if (!_options.KeepCommand)
        {
            return string.Empty;
        }
        ReadOnlySpan<char> text = command;
        var lineEnd = text.IndexOf("\r\n");
        var firstLine = (lineEnd < 0 ? text : text[..lineEnd]).Trim();
        return firstLine.Length == command.Length ? command : firstLine.ToString();
    }
}
