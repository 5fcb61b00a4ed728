using Tracehound.Pipeline;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Obfuscation;
using Tracehound.Processing.Semantics;

namespace Tracehound.Hosting;

/// <summary>
/// The processors every received span goes through before the store, in order. Stats and sampling
/// append theirs at the end: by then every span has its final (normalized, obfuscated) Datadog view.
/// </summary>
internal static class IngestPipeline
{
    public static List<ISpanProcessor> Processors(DatadogSemanticsOptions semantics, ObfuscationSettings? obfuscation)
    {
        List<ISpanProcessor> processors =
        [
            // Views Datadog tracers sent (they are stored): agent normalization and truncation.
            new DatadogNormalizationProcessor(),
        ];

        if (obfuscation is not null)
        {
            // Before the OpenTelemetry views are derived, so theirs come from obfuscated attributes
            // (a SQL span's resource is its obfuscated statement), as the query side derives them again.
            processors.Add(new ObfuscationProcessor(obfuscation));
        }

        // The lean, normalized Datadog view of OTLP/Zipkin/Jaeger spans (no meta/metrics copies; not stored).
        processors.Add(OtlpToDatadogProcessor.ForIngest(semantics));
        processors.Add(new TopLevelProcessor());
        return processors;
    }
}
