using Tracehound.Model;

namespace Tracehound.Query.Http;

/// <summary>A content hash of an attribute list, consistent with <see cref="KeyValue"/> equality.</summary>
internal static class AttributeHash
{
    public static int Of(KeyValue[] attributes)
    {
        var hash = new HashCode();
        foreach (var kv in attributes)
        {
            hash.Add(kv);
        }

        return hash.ToHashCode();
    }
}
