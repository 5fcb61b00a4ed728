namespace Tracehound.Storage;

/// <summary>One edge of the service graph: spans of <paramref name="Child"/> called from spans of <paramref name="Parent"/>.</summary>
public sealed record DependencyLink(string Parent, string Child, long CallCount);
