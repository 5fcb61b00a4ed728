using Tracehound.Model;

namespace Tracehound.Query.Http;

/// <summary>Compares instrumentation scopes by content (groups OTLP <c>ScopeSpans</c>).</summary>
internal sealed class ScopeContentComparer : IEqualityComparer<InstrumentationScope>
{
    public static ScopeContentComparer Instance { get; } = new();

    public bool Equals(InstrumentationScope? x, InstrumentationScope? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null &&
            string.Equals(x.Name, y.Name, StringComparison.Ordinal) &&
            string.Equals(x.Version, y.Version, StringComparison.Ordinal) &&
            x.DroppedAttributesCount == y.DroppedAttributesCount &&
            string.Equals(x.SchemaUrl, y.SchemaUrl, StringComparison.Ordinal) &&
            x.Attributes.AsSpan().SequenceEqual(y.Attributes);
    }

    public int GetHashCode(InstrumentationScope obj) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Name), StringComparer.Ordinal.GetHashCode(obj.Version), AttributeHash.Of(obj.Attributes));
}
