namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>
/// Datadog's status remapper: a <c>status</c> string by its prefix (case-insensitive), or a syslog
/// severity number 0–7, mapped to an OpenTelemetry severity number.
/// </summary>
internal static class DatadogLogStatus
{
    private const int Trace = 1;
    private const int Debug = 5;
    private const int Info = 9;
    private const int Notice = 10;
    private const int Warn = 13;
    private const int Error = 17;
    private const int Critical = 21;
    private const int Alert = 22;
    private const int Emergency = 23;

    /// <summary>emerg/f(atal) → emergency, a → alert, c → critical, err → error, w → warn, n → notice, i → info, d → debug, trace/verbose → trace, o(k)/s(uccess) → info; anything else info.</summary>
    public static int FromText(ReadOnlySpan<char> status)
    {
        status = status.Trim();
        if (status.IsEmpty)
        {
            return 0;
        }

        // Datadog folds these into debug; OpenTelemetry has a level below debug for them.
        if (StartsWith(status, "trace") || StartsWith(status, "verbose"))
        {
            return Trace;
        }

        if (StartsWith(status, "emerg") || StartsWith(status, "f"))
        {
            return Emergency;
        }

        if (StartsWith(status, "err"))
        {
            return Error;
        }

        return char.ToLowerInvariant(status[0]) switch
        {
            'a' => Alert,
            'c' => Critical,
            'e' => Error,
            'w' => Warn,
            'n' => Notice,
            'i' => Info,
            'd' => Debug,
            'o' or 's' => Info,
            _ => Info,
        };
    }

    /// <summary>Syslog severities: 0 emergency … 7 debug.</summary>
    public static int FromSyslog(long severity) => severity switch
    {
        0 => Emergency,
        1 => Alert,
        2 => Critical,
        3 => Error,
        4 => Warn,
        5 => Notice,
        6 => Info,
        7 => Debug,
        _ => 0,
    };

    /// <summary>The status text for a syslog severity number, as Datadog shows it.</summary>
    public static string SyslogName(long severity) => severity switch
    {
        0 => "emergency",
        1 => "alert",
        2 => "critical",
        3 => "error",
        4 => "warn",
        5 => "notice",
        6 => "info",
        7 => "debug",
        _ => severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static bool StartsWith(ReadOnlySpan<char> status, string prefix) => status.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
