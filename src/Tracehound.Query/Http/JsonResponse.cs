using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tracehound.Query.Http;

/// <summary>
/// A JSON response written with <see cref="Utf8JsonWriter"/> straight into the response's
/// <see cref="System.IO.Pipelines.PipeWriter"/>: no intermediate string, no reflection serializer.
/// </summary>
internal sealed class JsonResponse : IAsyncDisposable
{
    /// <summary>Above this many bytes not yet sent, a multi-trace response is pushed to the client, so memory stays near one trace.</summary>
    private const long SendThresholdBytes = 64 * 1024;

    private readonly HttpContext _context;
    private long _sentBytes;

    private JsonResponse(HttpContext context)
    {
        _context = context;
        Writer = new Utf8JsonWriter(context.Response.BodyWriter);
    }

    public Utf8JsonWriter Writer { get; }

    public static JsonResponse Start(HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return new JsonResponse(context);
    }

    /// <summary>Sends what has been written so far once enough has accumulated.</summary>
    public async ValueTask SendIfLargeAsync()
    {
        if (Writer.BytesPending + Writer.BytesCommitted - _sentBytes < SendThresholdBytes)
        {
            return;
        }

        Writer.Flush();
        _sentBytes = Writer.BytesCommitted;
        await _context.Response.BodyWriter.FlushAsync(_context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Writer.Flush();
        await Writer.DisposeAsync().ConfigureAwait(false);
        await _context.Response.BodyWriter.FlushAsync(_context.RequestAborted).ConfigureAwait(false);
    }
}
