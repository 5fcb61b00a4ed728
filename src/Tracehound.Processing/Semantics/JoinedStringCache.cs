namespace Tracehound.Processing.Semantics;

/// <summary>
/// Interns the joined names the OpenTelemetry → Datadog rules build for every span
/// (<c>GET /users/{id}</c>, <c>postgresql.query</c>, <c>publish orders</c>): a workload has few
/// distinct ones, so concatenating them anew for each span would only make garbage that lives until
/// the batch is stored. Direct-mapped and lock-free like the decoder's string cache: each slot holds
/// one immutable entry, a colliding pair just replaces it, and a lost race only costs a miss.
/// </summary>
internal static class JoinedStringCache
{
    /// <summary>Longer parts are mostly unique (statements); caching them would only evict.</summary>
    private const int MaxCachedLength = 128;

    private const int SlotCount = 4096;

    private static readonly Entry?[] s_slots = new Entry?[SlotCount];

    /// <summary><paramref name="first"/> + <paramref name="separator"/> + <paramref name="second"/>, the same string instance for the same parts.</summary>
    public static string Join(string first, string separator, string second)
    {
        if (first.Length + second.Length > MaxCachedLength)
        {
            return string.Concat(first, separator, second);
        }

        var hash = HashCode.Combine(string.GetHashCode(first, StringComparison.Ordinal), string.GetHashCode(separator, StringComparison.Ordinal), string.GetHashCode(second, StringComparison.Ordinal));
        ref var slot = ref s_slots[hash & (SlotCount - 1)];
        var cached = slot;
        if (cached is not null &&
            string.Equals(cached.First, first, StringComparison.Ordinal) &&
            string.Equals(cached.Separator, separator, StringComparison.Ordinal) &&
            string.Equals(cached.Second, second, StringComparison.Ordinal))
        {
            return cached.Joined;
        }

        var joined = string.Concat(first, separator, second);
        slot = new Entry(first, separator, second, joined);
        return joined;
    }

    private sealed record Entry(string First, string Separator, string Second, string Joined);
}
