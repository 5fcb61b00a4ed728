using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.Query.Jaeger;

namespace Tracehound.Query.Http;

/// <summary>
/// Turns an unexpected failure of a query (the store failing, a bug) into a 500 in Jaeger's JSON
/// envelope with the reason, logged once, instead of a bare 500 and a dropped connection.
/// </summary>
internal sealed partial class QueryErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<QueryErrorMiddleware> _logger;

    public QueryErrorMiddleware(RequestDelegate next, ILogger<QueryErrorMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Log.QueryFailed(_logger, context.Request.Path, ex);
            if (context.Response.HasStarted)
            {
                // Part of the answer is out: all that is left is to cut the connection.
                context.Abort();
                return;
            }

            context.Response.Clear();
            await using var response = JsonResponse.Start(context, StatusCodes.Status500InternalServerError);
            JaegerEnvelope.WriteError(response.Writer, StatusCodes.Status500InternalServerError, $"the query failed: {ex.Message}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Query {Path} failed")]
        public static partial void QueryFailed(ILogger logger, string path, Exception exception);
    }
}
