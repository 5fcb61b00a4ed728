using System.Buffers.Binary;
using Tracehound.Model;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// The Datadog agent's probabilistic sampler (<c>pkg/trace/sampler/probabilistic.go</c>), which
/// mirrors the OpenTelemetry probabilistic sampler processor: FNV-1a-32 over the 4-byte
/// little-endian hash seed then 16 trace-id bytes, keep iff <c>hash &amp; 0x3FFF</c> is below
/// <c>percentage × 163.84</c>. By default the 16 bytes are the low 64 bits of the id, big-endian,
/// then zeros (the agent's default, safe with tracers that drop the high bits); with
/// <c>fullTraceId</c> they are the whole 128-bit id (the agent's
/// <c>probabilistic_sampler_full_trace_id</c>, same decisions as the OpenTelemetry processor).
/// Stateless and deterministic: every collector makes the same decision for a trace id.
/// </summary>
internal sealed class ProbabilisticSampler
{
    /// <summary>Hash buckets; percentages are resolved to 1/16384.</summary>
    public const uint NumBuckets = 0x4000;

    private const uint BucketMask = NumBuckets - 1;

    // The agent computes this in float32 (its percentage is a float32): keep the same rounding.
    private const float PercentageScaleFactor = NumBuckets / 100f;

    private readonly uint _seed;
    private readonly uint _scaledPercentage;
    private readonly bool _fullTraceId;

    public ProbabilisticSampler(double percentage, uint hashSeed = 0, bool fullTraceId = false)
    {
        if (percentage is < 0 or > 100 || double.IsNaN(percentage))
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "A sampling percentage is between 0 and 100.");
        }

        Percentage = percentage;
        _seed = hashSeed;
        _fullTraceId = fullTraceId;
        _scaledPercentage = (uint)((float)percentage * PercentageScaleFactor);
    }

    public double Percentage { get; }

    /// <summary>The rate written as <c>_dd.prob_sr</c> on kept roots.</summary>
    public double Rate => Percentage / 100;

    public bool Keeps(TraceId traceId) => (Hash(traceId) & BucketMask) < _scaledPercentage;

    public uint Hash(TraceId traceId)
    {
        Span<byte> bytes = stackalloc byte[20];
        bytes.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, _seed);
        if (_fullTraceId)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes[4..], traceId.High);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[12..], traceId.Low);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes[4..], traceId.Low);
        }

        var hash = new Fnv1a32();
        hash.Add(bytes);
        return hash.Value;
    }
}
