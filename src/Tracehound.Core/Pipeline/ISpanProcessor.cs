using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>
/// One step of the trace pipeline (normalize, Datadog semantics, obfuscate, stats, sample). It
/// changes the batch in place: enriches spans, rewrites values, or removes spans it drops.
/// </summary>
public interface ISpanProcessor
{
    void Process(SpanBatch batch);
}
