namespace Tracehound.Query.V1;

/// <summary>A span's Datadog fields as the trace timeline shows them.</summary>
internal readonly record struct TimelineFields(string Service, string Name, string Resource, string Type, bool Error);
