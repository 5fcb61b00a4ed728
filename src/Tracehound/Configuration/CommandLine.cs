namespace Tracehound.Configuration;

/// <summary>A parsed command line: the command word, its <c>--name value</c> options, and whether help was asked for.</summary>
internal sealed class CommandLine
{
    private CommandLine(string command, Dictionary<string, string> options, bool help, bool version)
    {
        Command = command;
        Options = options;
        HelpRequested = help;
        VersionRequested = version;
    }

    public string Command { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    public bool HelpRequested { get; }

    public bool VersionRequested { get; }

    /// <summary>Parses <c>[command] [--name value | --name=value | --flag]...</c>; the command defaults to <c>serve</c>.</summary>
    public static bool TryParse(string[] args, out CommandLine? commandLine, out string error)
    {
        commandLine = null;
        error = string.Empty;
        var command = "serve";
        var start = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            command = args[0];
            start = 1;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = command == "help";
        var version = command == "version";
        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                help = true;
                continue;
            }

            if (arg == "--version")
            {
                version = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{arg}'";
                return false;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            var definition = OptionCatalog.Find(name);
            if (definition is null)
            {
                error = $"unknown option '--{name}' (see tracehound --help)";
                return false;
            }

            if (value is null)
            {
                if (definition.Kind == OptionKind.Flag)
                {
                    value = "true";
                }
                else if (i + 1 < args.Length)
                {
                    value = args[++i];
                }
                else
                {
                    error = $"option '--{name}' needs a value ({definition.ValueName})";
                    return false;
                }
            }

            options[name] = value;
        }

        commandLine = new CommandLine(command, options, help, version);
        return true;
    }
}
