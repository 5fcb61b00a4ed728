using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;

namespace Tracehound.Tests.Storage;

public sealed class EmbeddedTraceStoreContractTests : TraceStoreContractTests
{
    protected override ITraceStore CreateStore(string dataDirectory, int maxQueuedSpans) =>
        EmbeddedTraceStore.Open(
            new EmbeddedStoreOptions { DataDirectory = dataDirectory, MaxQueuedSpans = maxQueuedSpans, MemoryLimitBytes = 64L * 1024 * 1024 },
            NullLogger.Instance);
}
