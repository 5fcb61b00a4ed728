using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// The last decisions by trace id, so late spans of a decided trace follow its decision. Bounded:
/// past <c>capacity</c> the oldest decision is forgotten (a span arriving after that starts a new
/// buffered trace and is decided on its own).
/// </summary>
internal sealed class DecisionCache(int capacity)
{
    private readonly Dictionary<TraceId, bool> _decisions = new(Math.Min(capacity, 1 << 16));
    private readonly Queue<TraceId> _order = new();

    public int Count => _decisions.Count;

    public bool TryGet(TraceId traceId, out bool keep) => _decisions.TryGetValue(traceId, out keep);

    public void Add(TraceId traceId, bool keep)
    {
        if (_decisions.TryAdd(traceId, keep))
        {
            _order.Enqueue(traceId);
            if (_order.Count > capacity)
            {
                _decisions.Remove(_order.Dequeue());
            }
        }
        else
        {
            _decisions[traceId] = keep;
        }
    }
}
