namespace Tracehound.Query.Jaeger;

/// <summary>One entry of a Jaeger response's <c>errors</c>; <see cref="Code"/> 0 and a null <see cref="TraceId"/> are left out, as in Jaeger.</summary>
internal readonly record struct JaegerError(int Code, string Message, string? TraceId = null);
