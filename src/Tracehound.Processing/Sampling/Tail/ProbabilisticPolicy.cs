using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps <c>sampling_percentage</c> % of traces by trace id — the collector's <c>probabilistic</c>
/// policy: FNV-1a-64 of the salt (default <c>default-hash-seed</c>) then the 16 id bytes, kept
/// iff the hash ≤ percentage/100 × (2^64 − 1). Same ids, same decision as the collector.
/// </summary>
internal sealed class ProbabilisticPolicy : ITailSamplingPolicy
{
    public const string DefaultSalt = "default-hash-seed";

    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly ulong _threshold;
    private readonly byte[] _salt;

    public ProbabilisticPolicy(string name, double percentage, string salt)
    {
        Name = name;
        _salt = System.Text.Encoding.UTF8.GetBytes(salt.Length == 0 ? DefaultSalt : salt);
        _threshold = Threshold(percentage / 100);
    }

    public string Name { get; }

    public bool Samples(TailTrace trace, DateTimeOffset now) => Hash(trace.TraceId) <= _threshold;

    /// <summary>
    /// ⌊ratio × (2^64 − 1)⌋ computed exactly from the double's bits (the collector multiplies in
    /// big-float precision; a plain double product would lose the low bits).
    /// </summary>
    internal static ulong Threshold(double ratio)
    {
        if (!(ratio > 0))
        {
            return 0;
        }

        if (ratio >= 1)
        {
            return ulong.MaxValue;
        }

        var bits = BitConverter.DoubleToInt64Bits(ratio);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // ratio = mantissa × 2^(exponent − 1075), and ratio < 1 ⇒ the shift is to the right.
        var product = new System.Numerics.BigInteger(ulong.MaxValue) * mantissa;
        return (ulong)(product >> (1075 - exponent));
    }

    internal ulong Hash(TraceId traceId)
    {
        Span<byte> id = stackalloc byte[16];
        traceId.WriteBytes(id);
        var hash = OffsetBasis;
        foreach (var b in _salt)
        {
            hash = (hash ^ b) * Prime;
        }

        foreach (var b in id)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
