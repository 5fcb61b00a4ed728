using Microsoft.Extensions.Logging;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>The default store: an embedded database in the data directory.</summary>
public sealed class EmbeddedTraceStore : ITraceStore
{
    private EmbeddedTraceStore()
    {
    }

    /// <summary>Opens (creating or recovering) the store in <see cref="EmbeddedStoreOptions.DataDirectory"/>.</summary>
    public static EmbeddedTraceStore Open(EmbeddedStoreOptions options, ILogger logger) => throw new NotImplementedException();

    public ValueTask<ExportResult> WriteAsync(SpanBatch batch, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<TraceData?> GetTraceAsync(TraceLookup lookup, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<OperationInfo>> GetOperationsAsync(string service, SpanKind? kind, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<TraceData>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
