namespace Tracehound.Processing.Stats;

/// <summary>The stats payload's <c>IsTraceRoot</c> trilean (numbered as on the wire).</summary>
public enum StatsTraceRoot : byte
{
    NotSet = 0,
    True = 1,
    False = 2,
}
