using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>An operation (span name) of a service and a span kind it was seen with.</summary>
public sealed record OperationInfo(string Name, SpanKind Kind);
