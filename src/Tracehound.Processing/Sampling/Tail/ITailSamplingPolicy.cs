namespace Tracehound.Processing.Sampling.Tail;

/// <summary>One tail-sampling policy: says whether a complete (buffered) trace should be kept.</summary>
internal interface ITailSamplingPolicy
{
    string Name { get; }

    bool Samples(TailTrace trace, DateTimeOffset now);
}
