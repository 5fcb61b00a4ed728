namespace Tracehound.Processing.Sampling;

/// <summary>
/// Maps (service, env) pairs to their signatures, least recently used first out beyond a cap (the
/// agent's <c>serviceKeyCatalog</c>, 5000 entries), so the rates body stays bounded whatever
/// services tracers invent.
/// </summary>
internal sealed class ServiceKeyCatalog
{
    public const int DefaultMaxEntries = 5000;

    private readonly Lock _lock = new();
    private readonly Dictionary<ServiceSignature, LinkedListNode<(ServiceSignature Key, ulong Signature)>> _items = [];
    private readonly LinkedList<(ServiceSignature Key, ulong Signature)> _order = new();
    private readonly int _maxEntries;

    public ServiceKeyCatalog(int maxEntries = DefaultMaxEntries)
    {
        _maxEntries = maxEntries;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public ulong Register(ServiceSignature key)
    {
        lock (_lock)
        {
            if (_items.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Signature;
            }

            var signature = key.Hash();
            _items[key] = _order.AddFirst((key, signature));
            if (_items.Count > _maxEntries)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _items.Remove(oldest.Value.Key);
            }

            return signature;
        }
    }

    /// <summary>
    /// The rate of every registered key that still has one (keys without are forgotten); a key
    /// whose env is the default env is also listed with an empty env, and <c>service:,env:</c> holds
    /// the default rate.
    /// </summary>
    public SortedDictionary<string, double> RatesByService(Dictionary<ulong, double> rates, double defaultRate)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var (key, node) in _items.ToArray())
            {
                if (!rates.TryGetValue(node.Value.Signature, out var rate))
                {
                    _order.Remove(node);
                    _items.Remove(key);
                    continue;
                }

                result[key.ToString()] = rate;
                if (key.Env == SamplingTags.DefaultEnv)
                {
                    result[new ServiceSignature(key.Service, string.Empty).ToString()] = rate;
                }
            }
        }

        result[new ServiceSignature(string.Empty, string.Empty).ToString()] = defaultRate;
        return result;
    }
}
