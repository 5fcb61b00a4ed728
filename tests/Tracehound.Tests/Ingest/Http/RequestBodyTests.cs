using System.Buffers;
using System.IO.Compression;
using Tracehound.Ingest.Http;

namespace Tracehound.Tests.Ingest.Http;

public sealed class RequestBodyTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void Decompress_EachEncoding_GivesTheOriginalBytes(string encoding)
    {
        var original = new byte[100_000];
        new Random(7).NextBytes(original.AsSpan(0, 50_000));
        using var inflated = RequestBody.Decompress(new ReadOnlySequence<byte>(Compress(original, encoding)), encoding, 1 << 20);
        Assert.Equal(original, inflated.Memory.ToArray());
    }

    [Fact]
    public void Decompress_ExactlyAtTheLimit_IsAccepted()
    {
        var original = new byte[4096];
        using var inflated = RequestBody.Decompress(new ReadOnlySequence<byte>(Compress(original, "gzip")), "gzip", 4096);
        Assert.Equal(4096, inflated.Length);
    }

    [Fact]
    public void Decompress_OneBytePastTheLimit_Throws()
    {
        var bomb = Compress(new byte[4097], "gzip");
        Assert.Throws<RequestBodyTooLargeException>(() => RequestBody.Decompress(new ReadOnlySequence<byte>(bomb), "gzip", 4096));
    }

    [Fact]
    public void Decompress_CorruptGzip_ThrowsInvalidData()
    {
        var corrupt = Compress(new byte[1000], "gzip");
        corrupt[12] ^= 0xFF;
        corrupt[13] ^= 0xFF;
        Assert.ThrowsAny<InvalidDataException>(() => RequestBody.Decompress(new ReadOnlySequence<byte>(corrupt), "gzip", 1 << 20));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(500)]
    [InlineData(-1)]
    public void Decompress_TruncatedGzip_ThrowsInvalidData(int cut)
    {
        var original = new byte[10_000];
        new Random(3).NextBytes(original);
        var gzip = Compress(original, "gzip");
        var truncated = gzip[..(cut < 0 ? gzip.Length + cut : cut)];
        Assert.ThrowsAny<InvalidDataException>(() => RequestBody.Decompress(new ReadOnlySequence<byte>(truncated), "gzip", 1 << 20));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("identity", true)]
    [InlineData("GZIP", true)]
    [InlineData("zstd", false)]
    [InlineData("compress", false)]
    public void IsSupportedEncoding_KnowsWhatItCanUndo(string? encoding, bool supported) =>
        Assert.Equal(supported, RequestBody.IsSupportedEncoding(encoding));

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
