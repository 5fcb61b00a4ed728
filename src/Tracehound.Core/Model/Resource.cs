namespace Tracehound.Model;

/// <summary>
/// The entity that produced spans (OTLP <c>Resource</c>). One instance is shared by every span of
/// the same <c>ResourceSpans</c>, so it is never copied per span.
/// </summary>
public sealed class Resource
{
    /// <summary>The service name OpenTelemetry SDKs use when none is configured.</summary>
    public const string UnknownServiceName = "unknown_service";

    public Resource(KeyValue[] attributes, uint droppedAttributesCount = 0, string schemaUrl = "")
    {
        Attributes = attributes;
        DroppedAttributesCount = droppedAttributesCount;
        SchemaUrl = schemaUrl;
        ServiceName = FindServiceName(attributes);
    }

    public static Resource Empty { get; } = new([]);

    public KeyValue[] Attributes { get; }

    public uint DroppedAttributesCount { get; }

    public string SchemaUrl { get; }

    /// <summary><c>service.name</c>, or <see cref="UnknownServiceName"/> when it is missing or not a string.</summary>
    public string ServiceName { get; }

    private static string FindServiceName(KeyValue[] attributes)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == "service.name" && kv.Value.Type == AnyValueType.String && kv.Value.AsString().Length > 0)
            {
                return kv.Value.AsString();
            }
        }

        return UnknownServiceName;
    }
}
