using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Scratch meta/metrics maps for one span, reused per thread (cleared, not reallocated), so mapping
/// a span allocates only its final two arrays. A later <see cref="SetMeta"/> of a key replaces the
/// earlier value in place, as assigning a Go map entry does.
/// </summary>
internal sealed class DatadogTagBuilder
{
    [ThreadStatic]
    private static DatadogTagBuilder? t_instance;

    private readonly List<KeyValue> _meta = new(64);
    private readonly Dictionary<string, int> _metaIndex = new(64, StringComparer.Ordinal);
    private readonly List<KeyValue> _metrics = new(16);
    private readonly Dictionary<string, int> _metricsIndex = new(16, StringComparer.Ordinal);

    public static DatadogTagBuilder Rent()
    {
        var builder = t_instance ??= new DatadogTagBuilder();
        builder.Clear();
        return builder;
    }

    public void SetMeta(string key, string value) => Set(_meta, _metaIndex, KeyValue.String(key, value));

    public void SetMetaIfAbsent(string key, string value)
    {
        if (value.Length > 0 && !_metaIndex.ContainsKey(key))
        {
            SetMeta(key, value);
        }
    }

    public bool TryGetMeta(string key, out string value)
    {
        if (_metaIndex.TryGetValue(key, out var index))
        {
            value = _meta[index].Value.AsString();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public bool HasMeta(string key) => _metaIndex.ContainsKey(key);

    public void SetMetric(string key, double value) => Set(_metrics, _metricsIndex, KeyValue.Double(key, value));

    public bool TryGetMetric(string key, out double value)
    {
        if (_metricsIndex.TryGetValue(key, out var index))
        {
            value = _metrics[index].Value.AsDouble();
            return true;
        }

        value = 0;
        return false;
    }

    public KeyValue[] MetaArray() => [.. _meta];

    public KeyValue[] MetricsArray() => _metrics.Count == 0 ? [] : [.. _metrics];

    private void Clear()
    {
        _meta.Clear();
        _metaIndex.Clear();
        _metrics.Clear();
        _metricsIndex.Clear();
    }

    private static void Set(List<KeyValue> entries, Dictionary<string, int> index, KeyValue entry)
    {
        if (index.TryGetValue(entry.Key, out var at))
        {
            entries[at] = entry;
        }
        else
        {
            index.Add(entry.Key, entries.Count);
            entries.Add(entry);
        }
    }
}
