using System.Text.Json;

namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>Payloads captured from real clients (tests/testdata/fixtures), and the ids each client printed.</summary>
internal static class Fixtures
{
    public static byte[] Payload(string label, string file = "001.bin") =>
        File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label, file));

    public static JsonElement Result(string label)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "testdata", "fixtures", label, "result.json")));
        return document.RootElement.Clone();
    }

    /// <summary>A gRPC length-prefixed message: flag 0 (uncompressed), 4-byte big-endian length, the bytes.</summary>
    public static byte[] GrpcFrame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
