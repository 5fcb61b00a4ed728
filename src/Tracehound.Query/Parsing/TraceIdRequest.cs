using Tracehound.Storage;

namespace Tracehound.Query.Parsing;

/// <summary>
/// A trace id from a URL, resolved to the store lookups to try in order: <see cref="Lookup"/>, then,
/// only when that finds nothing, <see cref="DecimalFallback"/> (the same digits read as Datadog's
/// decimal 64-bit id).
/// </summary>
internal readonly record struct TraceIdRequest(TraceLookup Lookup, TraceLookup? DecimalFallback);
