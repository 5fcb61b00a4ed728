using System.Net;

namespace Tracehound.LoadGen;

/// <summary>How the HTTP transports read the server's answer to a batch.</summary>
internal static class HttpExportAnswer
{
    /// <summary>True when accepted (durable); false for 429 / 503 (refused for now: retry); throws on any other failure.</summary>
    public static bool Acknowledged(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }
}
