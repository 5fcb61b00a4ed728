using System.Globalization;
using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Query.V1;

/// <summary>
/// The Datadog span fields the trace timeline shows (service, operation name, resource, type, error)
/// for a span without a Datadog view, computed and normalized exactly as the full view computes them
/// (<see cref="OtlpToDatadogProcessor"/>, <see cref="DatadogNormalizationProcessor"/>) but without
/// building meta and metrics, the copy of every attribute that made up most of the full view's cost.
/// </summary>
internal sealed class TimelineSpanFields
{
    private readonly DatadogSemanticsOptions _options;
    private readonly Dictionary<Resource, string> _languages = new(ReferenceEqualityComparer.Instance);

    public TimelineSpanFields(DatadogSemanticsOptions options)
    {
        _options = options;
    }

    public TimelineFields Get(Span span)
    {
        if (span.Datadog is { } info)
        {
            return new TimelineFields(info.Service, info.Name, info.Resource, info.Type, info.Error != 0);
        }

        var error = span.StatusCode == StatusCode.Error;
        if (span.TryGetAttribute("datadog.error", out var forced) &&
            long.TryParse(forced.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            error = value != 0;
        }

        var service = Override(span, "datadog.service", OtelAttributeLookup.Get(span, "service.name"));
        var name = Override(span, "datadog.operation_name", _options.OperationNameV1
            ? OtlpOperationName.V1(span, _options.SpanNameAsResourceName)
            : OtlpOperationName.V2(span));
        var resource = Override(span, "datadog.resource_name", _options.OperationNameV1 ? OtlpResourceName.V1(span) : OtlpResourceName.V2(span));
        var type = Override(span, "datadog.span.type", _options.OperationNameV1 ? OtlpSpanType.V1(span) : OtlpSpanType.V2(span));

        name = DatadogNormalizationProcessor.NormalizeName(name);
        return new TimelineFields(
            DatadogNormalizationProcessor.NormalizeService(service.Length > 0 ? service : "otlpresourcenoservicename", Language(span.Resource)),
            name,
            resource.Length == 0 ? name : Utf8Truncation.Truncate(resource, DatadogLimits.MaxResourceLength),
            Utf8Truncation.Truncate(type, DatadogLimits.MaxTypeLength),
            error);
    }

    private static string Override(Span span, string key, string computed)
    {
        var value = OtelAttributeLookup.Get(span, key);
        return value.Length > 0 ? value : computed;
    }

    private string Language(Resource resource)
    {
        if (!_languages.TryGetValue(resource, out var language))
        {
            language = OtelAttributeLookup.Find(resource.Attributes, "telemetry.sdk.language");
            _languages.Add(resource, language);
        }

        return language;
    }
}
