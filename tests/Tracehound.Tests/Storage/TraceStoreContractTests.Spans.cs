using Tracehound.Model;
using Tracehound.Storage;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

public abstract partial class TraceStoreContractTests
{
    [Fact]
    public async Task FindSpansAsync_NarrowsAndPagesNewestFirst()
    {
        var store = Open();
        var web = ResourceFor("web");
        var db = ResourceFor("db");
        var failed = Make(Id(8, 1), 3, web, "POST /pay", 30, 500, SpanKind.Server);
        failed.StatusCode = StatusCode.Error;
        await store.WriteAsync(Batch(
            Make(Id(8, 1), 1, web, "GET /a", 10, 20, SpanKind.Server),
            Make(Id(8, 1), 2, db, "SELECT", 20, 5, SpanKind.Client, parentId: 1),
            failed,
            Make(Id(8, 2), 4, web, "GET /b", 40, 200, SpanKind.Server)), None);

        var all = await store.FindSpansAsync(new SpanSearch(), None);
        var webOnly = await store.FindSpansAsync(new SpanSearch { ServiceName = "web" }, None);
        var slow = await store.FindSpansAsync(new SpanSearch { MinDurationNanos = 100 * Millisecond, MaxDurationNanos = 300 * Millisecond }, None);
        var errors = await store.FindSpansAsync(new SpanSearch { Status = StatusCode.Error }, None);
        var window = await store.FindSpansAsync(new SpanSearch { StartTimeMinUnixNano = BaseTime + (15 * Millisecond), StartTimeMaxUnixNano = BaseTime + (35 * Millisecond) }, None);
        var secondPage = await store.FindSpansAsync(new SpanSearch { Skip = 1, Limit = 2 }, None);

        Assert.Equal(["GET /b", "POST /pay", "SELECT", "GET /a"], all.Select(s => s.Name));
        Assert.Equal(["GET /b", "POST /pay", "GET /a"], webOnly.Select(s => s.Name));
        Assert.Equal(["GET /b"], slow.Select(s => s.Name));
        Assert.Equal(["POST /pay"], errors.Select(s => s.Name));
        Assert.Equal(["POST /pay", "SELECT"], window.Select(s => s.Name));
        Assert.Equal(["POST /pay", "SELECT"], secondPage.Select(s => s.Name));
        Assert.Empty(await store.FindSpansAsync(new SpanSearch { ServiceName = "nobody" }, None));
    }
}
