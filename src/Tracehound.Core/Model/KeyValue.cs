namespace Tracehound.Model;

/// <summary>One attribute: a key and its typed value (OTLP <c>KeyValue</c>).</summary>
public readonly record struct KeyValue(string Key, AnyValue Value)
{
    public static KeyValue String(string key, string value) => new(key, AnyValue.FromString(value));

    public static KeyValue Int(string key, long value) => new(key, AnyValue.FromInt(value));

    public static KeyValue Double(string key, double value) => new(key, AnyValue.FromDouble(value));

    public static KeyValue Bool(string key, bool value) => new(key, AnyValue.FromBool(value));
}
