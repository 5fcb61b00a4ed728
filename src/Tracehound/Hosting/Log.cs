using Microsoft.Extensions.Logging;

namespace Tracehound.Hosting;

/// <summary>The server's own log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "listening {Listener} on {Url}")]
    public static partial void Listening(ILogger logger, string listener, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "store open in {DataDirectory}")]
    public static partial void StoreOpened(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "shutting down: finishing in-flight requests")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "stopped; the store was closed cleanly")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Tracehound is ready")]
    public static partial void Ready(ILogger logger);
}
