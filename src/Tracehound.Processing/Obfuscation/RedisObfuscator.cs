namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// Redis (and Valkey) per spec §5.3: <see cref="Quantize"/> turns a command pipeline into the span resource
/// (command names only), <see cref="Obfuscate"/> hides the sensitive arguments of <c>redis.raw_command</c>.
/// Both work over spans into a stack/pooled buffer and never throw.
/// </summary>
internal sealed class RedisObfuscator
{
    private const int MaxQuantizedCommands = 3;
    private const string TruncationMark = "...";
    private const int StackBufferChars = 512;

    private readonly RedisObfuscationOptions _options;

    public RedisObfuscator(RedisObfuscationOptions? options = null) => _options = options ?? RedisObfuscationOptions.Default;

    public RedisObfuscationOptions Options => _options;

    /// <summary>
    /// The resource: per line the upper-cased command (plus the sub-command of CLIENT, CLUSTER, COMMAND, CONFIG,
    /// DEBUG, SCRIPT), at most three, " ..." when more or when the last one was truncated.
    /// </summary>
    public static string Quantize(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }
        var capacity = query.Length + 16;
        var output = new ObfuscationBuffer(capacity <= StackBufferChars ? stackalloc char[capacity] : default, capacity);
        try
        {
            ReadOnlySpan<char> rest = query;
            var commands = 0;
            var truncated = false;
            while (!rest.IsEmpty && commands < MaxQuantizedCommands)
            {
                var newline = rest.IndexOf('\n');
                var line = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? [] : rest[(newline + 1)..];

                var command = NextWord(ref line);
                if (command.IsEmpty)
                {
                    continue;
                }
                if (command.EndsWith(TruncationMark))
                {
                    truncated = true;
                    continue;
                }
                var subcommand = IsCompoundCommand(command) ? NextWord(ref line) : [];
                if (subcommand.EndsWith(TruncationMark))
                {
                    truncated = true;
                    continue;
                }
                if (output.Length > 0)
                {
                    output.Append(' ');
                }
                AppendUpper(command, ref output);
                if (!subcommand.IsEmpty)
                {
                    output.Append(' ');
                    AppendUpper(subcommand, ref output);
                }
                commands++;
                truncated = false;
            }
            if (commands == MaxQuantizedCommands || truncated)
            {
                if (output.Length > 0)
                {
                    output.Append(' ');
                }
                output.Append(TruncationMark);
            }
            return output.ToString(query);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>The obfuscated <c>redis.raw_command</c> (commands re-joined with '\n', arguments with ' ').</summary>
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
        var capacity = command.Length + 16;
        var output = new ObfuscationBuffer(capacity <= StackBufferChars ? stackalloc char[capacity] : default, capacity);
        try
        {
            if (_options.RemoveAllArgs)
            {
                RemoveAllArgs(command, ref output);
            }
            else
            {
                ObfuscateCommands(command, ref output);
            }
            return output.ToString(command);
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void ObfuscateCommands(ReadOnlySpan<char> text, ref ObfuscationBuffer output)
    {
        var reader = new RedisCommandReader(text);
        while (reader.NextCommand())
        {
            var command = reader.NextArgument();
            if (command.IsEmpty)
            {
                continue;
            }
            if (output.Length > 0)
            {
                output.Append('\n');
            }
            output.Append(command);
            var rule = RuleFor(command);
            var index = 0;
            var hidden = false;
            var zaddScoresFrom = -1;
            var bitfieldSetAt = -1;
            var firstArgument = default(ReadOnlySpan<char>);
            while (reader.HasArgument)
            {
                var argument = reader.NextArgument();
                if (index == 0)
                {
                    firstArgument = argument;
                }
                if (hidden)
                {
                    // AUTH and the collapse-all commands: everything after the first '?' is dropped.
                    index++;
                    continue;
                }
                var replace = false;
                switch (rule)
                {
                    case RedisRule.Auth:
                        replace = true;
                        hidden = true;
                        break;
                    case RedisRule.Second:
                        replace = index == 1;
                        break;
                    case RedisRule.Third:
                        replace = index == 2;
                        break;
                    case RedisRule.Fourth:
                        replace = index == 3;
                        break;
                    case RedisRule.AllAfterKey when index >= 1:
                        replace = true;
                        hidden = true;
                        break;
                    case RedisRule.EveryThirdAfterKey:
                        replace = index >= 3 && index % 3 == 0;
                        break;
                    case RedisRule.EverySecondAfterKey:
                        replace = index >= 2 && index % 2 == 0;
                        break;
                    case RedisRule.EverySecond:
                        replace = index % 2 == 1;
                        break;
                    case RedisRule.Config:
                        replace = index == 2 && firstArgument.Equals("SET", StringComparison.OrdinalIgnoreCase);
                        break;
                    case RedisRule.Bitfield:
                        if (bitfieldSetAt < 0 && index > 0 && argument.Equals("SET", StringComparison.OrdinalIgnoreCase))
                        {
                            bitfieldSetAt = index;
                        }
                        replace = bitfieldSetAt > 0 && index - bitfieldSetAt == 3;
                        break;
                    case RedisRule.Zadd:
                        if (index > 0 && zaddScoresFrom < 0 && !IsZaddFlag(argument))
                        {
                            zaddScoresFrom = index;
                        }
                        replace = zaddScoresFrom > 0 && index > zaddScoresFrom && (index - zaddScoresFrom) % 2 == 1;
                        break;
                }
                output.Append(' ');
                if (replace)
                {
                    output.Append('?');
                }
                else
                {
                    output.Append(argument);
                }
                index++;
            }
        }
    }

    /// <summary>remove_all_args: the first word, then '?' (CONFIG keeps its sub-command, BITFIELD its SET/GET/INCRBY).</summary>
    private static void RemoveAllArgs(ReadOnlySpan<char> text, ref ObfuscationBuffer output)
    {
        var rest = text;
        var command = NextWord(ref rest);
        if (command.IsEmpty)
        {
            return;
        }
        output.Append(command);
        var first = NextWord(ref rest);
        if (first.IsEmpty)
        {
            return;
        }
        output.Append(' ');
        if (command.Equals("BITFIELD", StringComparison.OrdinalIgnoreCase))
        {
            var lastWasQuestion = false;
            var isFirst = true;
            for (var word = first; !word.IsEmpty; word = NextWord(ref rest))
            {
                var keep = word.Equals("SET", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("GET", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("INCRBY", StringComparison.OrdinalIgnoreCase);
                if (!keep && lastWasQuestion)
                {
                    continue;
                }
                if (!isFirst)
                {
                    output.Append(' ');
                }
                isFirst = false;
                if (keep)
                {
                    AppendUpper(word, ref output);
                }
                else
                {
                    output.Append('?');
                }
                lastWasQuestion = !keep;
            }
            return;
        }
        if (command.Equals("CONFIG", StringComparison.OrdinalIgnoreCase)
            && (first.Equals("GET", StringComparison.OrdinalIgnoreCase)
                || first.Equals("SET", StringComparison.OrdinalIgnoreCase)
                || first.Equals("RESETSTAT", StringComparison.OrdinalIgnoreCase)
                || first.Equals("REWRITE", StringComparison.OrdinalIgnoreCase)))
        {
            output.Append(first);
            if (!NextWord(ref rest).IsEmpty)
            {
                output.Append(" ?");
            }
            return;
        }
        output.Append('?');
    }

    private static RedisRule RuleFor(ReadOnlySpan<char> command)
    {
        Span<char> upper = stackalloc char[20];
        if (command.Length > upper.Length)
        {
            return RedisRule.None;
        }
        command.ToUpperInvariant(upper);
        return upper[..command.Length] switch
        {
            "AUTH" => RedisRule.Auth,
            "APPEND" or "GETSET" or "LPUSHX" or "GEORADIUSBYMEMBER" or "RPUSHX" or "SET" or "SETNX" or "SISMEMBER" or "ZRANK" or "ZREVRANK" or "ZSCORE" => RedisRule.Second,
            "HSET" or "HSETNX" or "LREM" or "LSET" or "SETBIT" or "SETEX" or "PSETEX" or "SETRANGE" or "ZINCRBY" or "SMOVE" or "RESTORE" => RedisRule.Third,
            "LINSERT" => RedisRule.Fourth,
            "GEOHASH" or "GEOPOS" or "GEODIST" or "LPUSH" or "RPUSH" or "SREM" or "ZREM" or "SADD" => RedisRule.AllAfterKey,
            "GEOADD" => RedisRule.EveryThirdAfterKey,
            "HMSET" => RedisRule.EverySecondAfterKey,
            "MSET" or "MSETNX" => RedisRule.EverySecond,
            "CONFIG" => RedisRule.Config,
            "BITFIELD" => RedisRule.Bitfield,
            "ZADD" => RedisRule.Zadd,
            _ => RedisRule.None,
        };
    }

    private static bool IsZaddFlag(ReadOnlySpan<char> argument) =>
        argument.Equals("NX", StringComparison.OrdinalIgnoreCase)
        || argument.Equals("XX", StringComparison.OrdinalIgnoreCase)
        || argument.Equals("CH", StringComparison.OrdinalIgnoreCase)
        || argument.Equals("INCR", StringComparison.OrdinalIgnoreCase);

    private static bool IsCompoundCommand(ReadOnlySpan<char> command) =>
        command.Equals("CLIENT", StringComparison.OrdinalIgnoreCase)
        || command.Equals("CLUSTER", StringComparison.OrdinalIgnoreCase)
        || command.Equals("COMMAND", StringComparison.OrdinalIgnoreCase)
        || command.Equals("CONFIG", StringComparison.OrdinalIgnoreCase)
        || command.Equals("DEBUG", StringComparison.OrdinalIgnoreCase)
        || command.Equals("SCRIPT", StringComparison.OrdinalIgnoreCase);

    /// <summary>The next whitespace-separated word of <paramref name="text"/> (empty at the end).</summary>
    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        var word = text[start..end];
        text = text[end..];
        return word;
    }

    private static void AppendUpper(scoped ReadOnlySpan<char> word, ref ObfuscationBuffer output)
    {
        foreach (var c in word)
        {
            output.Append(char.ToUpperInvariant(c));
        }
    }

    private enum RedisRule : byte
    {
        None,
        Auth,
        Second,
        Third,
        Fourth,
        AllAfterKey,
        EveryThirdAfterKey,
        EverySecondAfterKey,
        EverySecond,
        Config,
        Bitfield,
        Zadd,
    }
}
