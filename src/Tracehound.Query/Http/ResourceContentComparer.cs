using Tracehound.Model;

namespace Tracehound.Query.Http;

/// <summary>
/// Compares resources by content, so spans whose receivers built separate but equal
/// <see cref="Resource"/> instances share one Jaeger process / one OTLP <c>ResourceSpans</c>.
/// </summary>
internal sealed class ResourceContentComparer : IEqualityComparer<Resource>
{
    public static ResourceContentComparer Instance { get; } = new();

    public bool Equals(Resource? x, Resource? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null &&
            x.DroppedAttributesCount == y.DroppedAttributesCount &&
            string.Equals(x.SchemaUrl, y.SchemaUrl, StringComparison.Ordinal) &&
            x.Attributes.AsSpan().SequenceEqual(y.Attributes);
    }

    public int GetHashCode(Resource obj) => AttributeHash.Of(obj.Attributes);
}
