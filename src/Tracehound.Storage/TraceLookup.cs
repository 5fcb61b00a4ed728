using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>
/// A trace id to look up. Datadog shows and logs only the low 64 bits of a trace id, so a lookup
/// can ask for the trace whose low half matches (<see cref="LowBitsOnly"/>).
/// </summary>
public readonly record struct TraceLookup(TraceId Id, bool LowBitsOnly)
{
    public static TraceLookup Full(TraceId id) => new(id, false);

    public static TraceLookup ByLow64(ulong low) => new(new TraceId(0, low), true);
}
