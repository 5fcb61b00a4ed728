using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

internal static class LogTime
{
    /// <summary>The time a record is searched and sorted by: its own, or when it has none, when it was observed.</summary>
    public static long Of(LogRecord record) => record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
}
