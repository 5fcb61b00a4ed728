using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Resources and scopes by id, shared by the writer (which adds them before it commits the spans
/// that use them) and the readers (which rebuild spans with them). They are few, so all are kept.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly ConcurrentDictionary<ulong, Resource> _resources = new();
    private readonly ConcurrentDictionary<ulong, InstrumentationScope> _scopes = new();

    public ICollection<ulong> ResourceIds => _resources.Keys;

    public ICollection<ulong> ScopeIds => _scopes.Keys;

    public void Load(DuckDBConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, attributes, dropped, schema_url FROM resources";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _resources[reader.GetFieldValue<ulong>(0)] =
                    new Resource(ParseAttributes(reader.GetString(1)), reader.GetFieldValue<uint>(2), reader.GetString(3));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, name, version, attributes, dropped, schema_url FROM scopes";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _scopes[reader.GetFieldValue<ulong>(0)] = new InstrumentationScope(
                    reader.GetString(1), reader.GetString(2), ParseAttributes(reader.GetString(3)), reader.GetFieldValue<uint>(4), reader.GetString(5));
            }
        }
    }

    /// <summary>Ids of the resources that satisfy <paramref name="predicate"/>, for a constant IN list in SQL.</summary>
    public List<ulong> FindResources(Func<Resource, bool> predicate) =>
        [.. _resources.Where(r => predicate(r.Value)).Select(r => r.Key)];

    /// <summary>
    /// The ids of the service's resources as a SQL list (<c>1, 2</c>); null when it has none. The ids
    /// are ours (never user text), so the list is safe to inline as constants.
    /// </summary>
    public string? ResourceIdList(string service)
    {
        var ids = FindResources(r => r.ServiceName == service);
        return ids.Count == 0 ? null : string.Join(", ", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Add(ulong id, Resource resource) => _resources.TryAdd(id, resource);

    public void Add(ulong id, InstrumentationScope scope) => _scopes.TryAdd(id, scope);

    public Resource GetResource(ulong id) =>
        _resources.TryGetValue(id, out var resource) ? resource : throw new InvalidDataException($"Resource {id} is not stored.");

    public InstrumentationScope GetScope(ulong id) =>
        _scopes.TryGetValue(id, out var scope) ? scope : throw new InvalidDataException($"Scope {id} is not stored.");

    public static KeyValue[] ParseAttributes(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), TypedJson.ReadOptions);
        reader.Read();
        return TypedJson.ReadAttributes(ref reader);
    }
}
