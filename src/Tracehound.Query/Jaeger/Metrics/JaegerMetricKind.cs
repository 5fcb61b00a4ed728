namespace Tracehound.Query.Jaeger.Metrics;

/// <summary>Which of Jaeger's three R.E.D. metrics is asked for.</summary>
internal enum JaegerMetricKind
{
    Calls,
    Errors,
    Latencies,
}
