using Tracehound.Model;
using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

internal static class StatsConcentratorTestExtensions
{
    /// <summary>Processes the batch and accepts it, as the pipeline does once the store took it.</summary>
    public static void ProcessAccepted(this StatsConcentrator concentrator, SpanBatch batch)
    {
        concentrator.Process(batch);
        batch.MarkAccepted();
    }
}
