using System.Globalization;
using DuckDB.NET.Data;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Gives each resource and scope of a commit group its content id and appends those not stored
/// yet, for spans and log records alike (they share the resources and scopes tables). Used only
/// by the writer thread.
/// </summary>
internal sealed class CatalogWriter
{
    private readonly ResourceCatalog _catalog;
    private readonly JsonText _json;
    private readonly HashSet<ulong> _storedResources;
    private readonly HashSet<ulong> _storedScopes;
    private readonly Dictionary<Resource, ulong> _resourceIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<InstrumentationScope, ulong> _scopeIds = new(ReferenceEqualityComparer.Instance);
    private readonly List<(ulong Id, Resource Resource, string Attributes)> _newResources = [];
    private readonly List<(ulong Id, InstrumentationScope Scope, string Attributes)> _newScopes = [];

    public CatalogWriter(ResourceCatalog catalog, JsonText json)
    {
        _catalog = catalog;
        _json = json;
        _storedResources = [.. catalog.ResourceIds];
        _storedScopes = [.. catalog.ScopeIds];
    }

    /// <summary>Forgets the previous group's work (committed or rolled back).</summary>
    public void BeginGroup()
    {
        _resourceIds.Clear();
        _scopeIds.Clear();
        _newResources.Clear();
        _newScopes.Clear();
    }

    public ulong ResourceId(Resource resource)
    {
        if (!_resourceIds.TryGetValue(resource, out var id))
        {
            var attributes = _json.Attributes(resource.Attributes) ?? "{}";
            id = ContentId.Of("r", attributes, resource.DroppedAttributesCount.ToString(CultureInfo.InvariantCulture), resource.SchemaUrl);
            _resourceIds.Add(resource, id);
            if (!_storedResources.Contains(id) && _newResources.TrueForAll(r => r.Id != id))
            {
                _newResources.Add((id, resource, attributes));
            }
        }

        return id;
    }

    public ulong ScopeId(InstrumentationScope scope)
    {
        if (!_scopeIds.TryGetValue(scope, out var id))
        {
            var attributes = _json.Attributes(scope.Attributes) ?? "{}";
            id = ContentId.Of("s", scope.Name, scope.Version, attributes, scope.DroppedAttributesCount.ToString(CultureInfo.InvariantCulture), scope.SchemaUrl);
            _scopeIds.Add(scope, id);
            if (!_storedScopes.Contains(id) && _newScopes.TrueForAll(s => s.Id != id))
            {
                _newScopes.Add((id, scope, attributes));
            }
        }

        return id;
    }

    /// <summary>
    /// Appends the group's new resources and scopes inside its transaction. Readers may see the
    /// catalog entries before the commit; that is harmless, while the reverse (rows visible,
    /// resource unknown) would not be.
    /// </summary>
    public void AppendNew(DuckDBConnection connection)
    {
        if (_newResources.Count > 0)
        {
            using var appender = connection.CreateAppender("resources");
            foreach (var (id, resource, attributes) in _newResources)
            {
                appender.CreateRow().AppendValue(id).AppendValue(resource.ServiceName).AppendValue(attributes)
                    .AppendValue(resource.DroppedAttributesCount).AppendValue(resource.SchemaUrl).EndRow();
                _catalog.Add(id, resource);
            }
        }

        if (_newScopes.Count > 0)
        {
            using var appender = connection.CreateAppender("scopes");
            foreach (var (id, scope, attributes) in _newScopes)
            {
                appender.CreateRow().AppendValue(id).AppendValue(scope.Name).AppendValue(scope.Version).AppendValue(attributes)
                    .AppendValue(scope.DroppedAttributesCount).AppendValue(scope.SchemaUrl).EndRow();
                _catalog.Add(id, scope);
            }
        }
    }

    /// <summary>After COMMIT: the group's new entries are stored from now on.</summary>
    public void Committed()
    {
        foreach (var r in _newResources)
        {
            _storedResources.Add(r.Id);
        }

        foreach (var s in _newScopes)
        {
            _storedScopes.Add(s.Id);
        }
    }
}
