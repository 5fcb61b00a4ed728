namespace Tracehound.Model;

/// <summary>The library that recorded spans (OTLP <c>InstrumentationScope</c>), shared like <see cref="Resource"/>.</summary>
public sealed class InstrumentationScope
{
    public InstrumentationScope(string name, string version, KeyValue[] attributes, uint droppedAttributesCount = 0, string schemaUrl = "")
    {
        Name = name;
        Version = version;
        Attributes = attributes;
        DroppedAttributesCount = droppedAttributesCount;
        SchemaUrl = schemaUrl;
    }

    public static InstrumentationScope Empty { get; } = new(string.Empty, string.Empty, []);

    public string Name { get; }

    public string Version { get; }

    public KeyValue[] Attributes { get; }

    public uint DroppedAttributesCount { get; }

    public string SchemaUrl { get; }
}
