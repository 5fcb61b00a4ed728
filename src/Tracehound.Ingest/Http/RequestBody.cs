using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Tracehound.Ingest.Http;

/// <summary>
/// Reads a whole request body, capped, and undoes its Content-Encoding. Plain bodies are decoded
/// straight from the pipe's buffers (no copy); compressed ones are inflated into a pooled buffer
/// with the same cap, so a small "zip bomb" cannot grow past the limit.
/// </summary>
internal static class RequestBody
{
    public static async ValueTask<ReadResult> ReadToEndAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw new RequestBodyTooLargeException($"the request body is over the limit of {limit} bytes");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return result;
            }

            // Nothing consumed, everything examined: the next read returns when more has arrived.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Content codings we undo; null means none is needed.</summary>
    public static bool IsSupportedEncoding(string? contentEncoding) =>
        string.IsNullOrEmpty(contentEncoding)
        || contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase)
        || contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)
        || contentEncoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)
        || contentEncoding.Equals("deflate", StringComparison.OrdinalIgnoreCase)
        || contentEncoding.Equals("br", StringComparison.OrdinalIgnoreCase);

    public static bool NeedsDecompression(string? contentEncoding) =>
        !string.IsNullOrEmpty(contentEncoding) && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase);

    /// <summary>Inflates <paramref name="compressed"/>; throws <see cref="InvalidDataException"/> when it is not valid.</summary>
    public static PooledByteBuffer Decompress(ReadOnlySequence<byte> compressed, string contentEncoding, long limit)
    {
        var input = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, compressed.Length));
        var output = new PooledByteBuffer((int)Math.Min(limit, compressed.Length * 4), limit);
        try
        {
            compressed.CopyTo(input);
            using var source = new MemoryStream(input, 0, (int)compressed.Length, writable: false);
            using Stream inflater = contentEncoding.ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(source, CompressionMode.Decompress),
                // HTTP "deflate" is zlib-wrapped (RFC 9110); some clients send raw deflate anyway.
                "deflate" => LooksLikeZlib(input) ? new ZLibStream(source, CompressionMode.Decompress) : new DeflateStream(source, CompressionMode.Decompress),
                "br" => new BrotliStream(source, CompressionMode.Decompress),
                _ => throw new InvalidDataException($"unsupported Content-Encoding '{contentEncoding}'"),
            };
            while (true)
            {
                if (!output.TryGetWritableMemory(out var memory))
                {
                    // One more byte would pass the limit: only an end of stream is acceptable now.
                    if (inflater.ReadByte() >= 0)
                    {
                        throw new RequestBodyTooLargeException($"the decompressed request body is over the limit of {limit} bytes");
                    }

                    return output;
                }

                var read = inflater.Read(memory.Span);
                if (read == 0)
                {
                    if (inflater is GZipStream && !GzipTrailerMatches(input.AsSpan(0, (int)compressed.Length), output.Length))
                    {
                        throw new InvalidDataException("the gzip stream is truncated or corrupt (its length trailer does not match)");
                    }

                    return output;
                }

                output.Advance(read);
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>
    /// .NET's GZipStream ends quietly when its input is cut short, which would turn a truncated
    /// upload into a shorter (even empty) valid request. A complete gzip member ends with ISIZE, the
    /// uncompressed length mod 2^32; a truncated one almost never ends with the right value.
    /// (For a body of several gzip members this checks the last member against the whole length,
    /// so such rare bodies are refused; no OTLP exporter sends them.)
    /// </summary>
    private static bool GzipTrailerMatches(ReadOnlySpan<byte> compressed, int uncompressedLength) =>
        compressed.Length >= 18 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]) == (uint)uncompressedLength;

    private static bool LooksLikeZlib(byte[] data) => data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
}
