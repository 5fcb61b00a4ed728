using System.Globalization;

namespace Tracehound.Processing.Logs;

/// <summary>
/// Severity names and OTLP severity numbers (TRACE 1–4, DEBUG 5–8, INFO 9–12, WARN 13–16, ERROR
/// 17–20, FATAL 21–24). The status names are Datadog's log statuses for those ranges.
/// </summary>
public static class LogSeverity
{
    public const int Trace = 1;
    public const int Debug = 5;
    public const int Info = 9;
    public const int Warn = 13;
    public const int Error = 17;
    public const int Fatal = 21;

    /// <summary>The status of an OTLP severity number: trace, debug, info, warn, error or fatal; empty for 0 (unspecified).</summary>
    public static string StatusName(int severityNumber) => severityNumber switch
    {
        <= 0 => string.Empty,
        <= 4 => "trace",
        <= 8 => "debug",
        <= 12 => "info",
        <= 16 => "warn",
        <= 20 => "error",
        _ => "fatal",
    };

    /// <summary>
    /// The OTLP severity number of a level or status text as loggers write it (any case):
    /// trace, debug, info, notice, warn(ing), err(or), fatal, critical, emergency, alert, panic,
    /// Datadog's <c>ok</c>, .NET's Information/Critical, syslog's short names, or a number 1–24.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int severityNumber)
    {
        text = text.Trim();
        severityNumber = text.Length > 12 ? 0 : Lower(text) switch
        {
            "trace" or "verbose" or "finest" => Trace,
            "debug" or "dbg" or "fine" => Debug,
            "info" or "information" or "informational" or "ok" or "success" => Info,
            "notice" => Info + 1,
            "warn" or "warning" => Warn,
            "error" or "err" or "severe" => Error,
            "fatal" or "critical" or "crit" or "emerg" or "emergency" or "alert" or "panic" => Fatal,
            _ => 0,
        };
        if (severityNumber == 0 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 24)
        {
            severityNumber = number;
        }

        return severityNumber != 0;
    }

    /// <summary>
    /// The inclusive range of severity numbers a status names (<c>status:error</c> in a log query);
    /// false when the word is no status.
    /// </summary>
    public static bool TryGetRange(string status, out int min, out int max)
    {
        (min, max) = status.ToLowerInvariant() switch
        {
            "trace" => (1, 4),
            "debug" => (5, 8),
            "info" or "ok" or "notice" => (9, 12),
            "warn" or "warning" => (13, 16),
            "error" or "err" => (17, 20),
            "fatal" or "critical" or "emergency" or "alert" => (21, 24),
            _ => (0, -1),
        };
        return max >= min;
    }

    /// <summary>
    /// The OTLP severity number of a syslog severity (RFC 5424: 0 emergency … 7 debug), for the
    /// <c>syslog.severity</c> attribute.
    /// </summary>
    public static int FromSyslog(long severity) => severity switch
    {
        <= 2 and >= 0 => Fatal,
        3 => Error,
        4 => Warn,
        5 => Info + 1,
        6 => Info,
        7 => Debug,
        _ => 0,
    };

    private static string Lower(ReadOnlySpan<char> text)
    {
        Span<char> lower = stackalloc char[text.Length];
        text.ToLowerInvariant(lower);
        return new string(lower);
    }
}
