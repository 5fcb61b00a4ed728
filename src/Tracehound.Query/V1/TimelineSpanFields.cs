using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Query.V1;

/// <summary>
/// The Datadog span fields the trace timeline shows (service, operation name, resource, type, error)
/// for a span without a Datadog view: the lean view ingest derives
/// (<see cref="OtlpToDatadogProcessor.ForIngest"/>: <see cref="OtlpToDatadogMapper.MapCore"/>, then
/// <see cref="DatadogNormalizationProcessor.NormalizeFields"/>), without the meta and metrics of the
/// full view, the copy of every attribute that made up most of its cost.
/// </summary>
/// <remarks>
/// The mapper and the field normalization are called directly rather than through the ingest
/// processor, because the processor gives the view to the span (and fixes its times): a span read
/// for the timeline would then keep a lean view where the full trace endpoint expects to derive
/// the full one.
/// </remarks>
internal sealed class TimelineSpanFields
{
    private readonly DatadogSemanticsOptions _options;
    private readonly Dictionary<Resource, DatadogPayloadInfo> _payloads = new(ReferenceEqualityComparer.Instance);

    public TimelineSpanFields(DatadogSemanticsOptions options)
    {
        _options = options;
    }

    public TimelineFields Get(Span span)
    {
        if (span.Datadog is not { } info)
        {
            // A chunk is what sampling fields hang on; the timeline reads none of them.
            info = OtlpToDatadogMapper.MapCore(span, _options, Payload(span.Resource), DatadogChunkInfo.None);
            DatadogNormalizationProcessor.NormalizeFields(info);
        }

        return new TimelineFields(info.Service, info.Name, info.Resource, info.Type, info.Error != 0);
    }

    private DatadogPayloadInfo Payload(Resource resource)
    {
        if (!_payloads.TryGetValue(resource, out var payload))
        {
            payload = OtlpPayloadFields.Create(resource, _options.DefaultHostname);
            _payloads.Add(resource, payload);
        }

        return payload;
    }
}
