namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The Datadog agent's probabilistic sampler decision, written out independently of the server's code so an
/// end-to-end test can say which trace ids `--sampling-percentage` keeps: FNV-1a-32 over 4 zero bytes, the low
/// 64 bits big-endian and 8 zero bytes, compared on its low 14 bits with the percentage scaled to 16384.
/// </summary>
internal static class AgentSamplingHash
{
    public static bool Keeps(byte[] traceId, double percentage)
    {
        uint hash = 2166136261;
        Span<byte> input = stackalloc byte[20];
        input.Clear();
        traceId.AsSpan(8, 8).CopyTo(input[4..]);
        foreach (var b in input)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (hash & 0x3FFF) < (uint)((float)percentage * 163.84f);
    }
}
