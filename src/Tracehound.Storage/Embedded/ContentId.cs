using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// The 64-bit id of a resource or scope, from its content: equal content, equal id, so each is
/// stored once. SHA-256 (hardware-accelerated, run once per distinct resource per commit) rather
/// than a fast non-cryptographic hash, so a client cannot craft a resource that collides with
/// another service's.
/// </summary>
internal static class ContentId
{
    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part) + 1;
        }

        var bytes = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            offset += Encoding.UTF8.GetBytes(part, bytes[offset..]);
            bytes[offset++] = 0; // separator: ("ab","c") and ("a","bc") differ
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
