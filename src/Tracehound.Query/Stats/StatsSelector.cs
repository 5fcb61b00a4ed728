using Tracehound.Processing.Stats;

namespace Tracehound.Query.Stats;

/// <summary>Whether a row counts for a query and under which group (service, resource, operation, ...).</summary>
internal delegate bool StatsSelector<TGroup>(in StatsKey key, double topLevelHits, out TGroup group);
