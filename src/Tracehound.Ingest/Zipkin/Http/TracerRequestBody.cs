using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Tracehound.Ingest.Http;

namespace Tracehound.Ingest.Zipkin.Http;

/// <summary>
/// A whole request body of the Zipkin and Jaeger receivers as one contiguous, pooled array (their
/// decoders read arrays): capped, with its Content-Encoding undone under the same cap.
/// </summary>
internal sealed class TracerRequestBody : IDisposable
{
    private readonly PooledByteBuffer? _inflated;
    private byte[]? _rented;

    private TracerRequestBody(ArraySegment<byte> bytes, PooledByteBuffer? inflated, byte[]? rented)
    {
        Bytes = bytes;
        _inflated = inflated;
        _rented = rented;
    }

    public ArraySegment<byte> Bytes { get; }

    /// <summary>Reads the body; on failure returns null with the HTTP status and reason to answer.</summary>
    public static async Task<(TracerRequestBody? Body, int Status, string Error)> ReadAsync(HttpContext context, long limit)
    {
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (!RequestBody.IsSupportedEncoding(encoding))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Encoding '{encoding}': use gzip, deflate, br or none");
        }

        var reader = context.Request.BodyReader;
        try
        {
            var result = await RequestBody.ReadToEndAsync(reader, limit, context.RequestAborted).ConfigureAwait(false);
            try
            {
                if (RequestBody.NeedsDecompression(encoding))
                {
                    var inflated = RequestBody.Decompress(result.Buffer, encoding, limit);
                    MemoryMarshal.TryGetArray(inflated.Memory, out var segment);
                    return (new TracerRequestBody(segment, inflated, null), 0, string.Empty);
                }

                var length = (int)result.Buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
                result.Buffer.CopyTo(rented);
                return (new TracerRequestBody(new ArraySegment<byte>(rented, 0, length), null, rented), 0, string.Empty);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
        catch (RequestBodyTooLargeException ex)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return (null, StatusCodes.Status400BadRequest, $"the body is not valid {encoding}: {ex.Message}");
        }
    }

    public static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return string.Empty;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    public static Task WritePlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    public void Dispose()
    {
        _inflated?.Dispose();
        if (_rented is not null)
        {
            // Telemetry may be sensitive: cleared before the array goes back to the shared pool.
            Bytes.AsSpan().Clear();
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
