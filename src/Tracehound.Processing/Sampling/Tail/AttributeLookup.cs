using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>Finds a trace's attribute values as the collector's attribute policies do: resource attributes, then span attributes.</summary>
internal static class AttributeLookup
{
    /// <summary>True when some span (or its resource) has <paramref name="key"/> with a value matching <paramref name="match"/>.</summary>
    public static bool Any(TailTrace trace, string key, Func<AnyValue, bool> match)
    {
        Resource? lastResource = null;
        foreach (var span in trace.Spans)
        {
            if (!ReferenceEquals(span.Resource, lastResource))
            {
                lastResource = span.Resource;
                foreach (var attribute in span.Resource.Attributes)
                {
                    if (attribute.Key == key && match(attribute.Value))
                    {
                        return true;
                    }
                }
            }

            foreach (var attribute in span.Attributes)
            {
                if (attribute.Key == key && match(attribute.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
