namespace Tracehound.Processing.Semantics;

/// <summary>How OpenTelemetry spans get their Datadog view; the defaults are the current agent's.</summary>
public sealed class DatadogSemanticsOptions
{
    /// <summary>
    /// Use the legacy (V1) operation-name and resource rules (<c>&lt;scope&gt;.&lt;kind&gt;</c>), as the agent
    /// does with <c>disable_operation_and_resource_name_logic_v2</c>. Off by default: V2 rules.
    /// </summary>
    public bool OperationNameV1 { get; init; }

    /// <summary>V1 only: the OpenTelemetry span name becomes the operation name (<c>span_name_as_resource_name</c>).</summary>
    public bool SpanNameAsResourceName { get; init; }

    /// <summary>The host of spans whose resource names none (the agent uses its own hostname); empty ⇒ none.</summary>
    public string DefaultHostname { get; init; } = string.Empty;
}
