using System.Text;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// 32-bit FNV-1a, the hash the Datadog agent uses for sampler signatures and for its probabilistic
/// sampler (<c>pkg/trace/sampler/signature.go</c>, <c>probabilistic.go</c>). A value type so hashing
/// allocates nothing.
/// </summary>
internal struct Fnv1a32
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    private uint _hash;

    public Fnv1a32() => _hash = OffsetBasis;

    public readonly uint Value => _hash;

    public void Add(byte value) => _hash = (_hash ^ value) * Prime;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        var hash = _hash;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        _hash = hash;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> (Go hashes strings as their bytes).</summary>
    public void Add(string text)
    {
        var hash = _hash;
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                // Rare: non-ASCII text; hash its UTF-8 bytes from the state before this string.
                AddUtf8(text);
                return;
            }

            hash = (hash ^ c) * Prime;
        }

        _hash = hash;
    }

    private void AddUtf8(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length)
        {
            Add(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        else
        {
            Add(Encoding.UTF8.GetBytes(text));
        }
    }
}
