using Tracehound.Model;
using Tracehound.Storage;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

public abstract partial class TraceStoreContractTests
{
    [Fact]
    public async Task GetDependenciesAsync_CallsAcrossServices_AreCountedPerServicePair()
    {
        var store = Open();
        var frontend = ResourceFor("frontend");
        var frontendOtherHost = ResourceFor("frontend", KeyValue.String("host.name", "b"));
        var orders = ResourceFor("orders");
        var db = ResourceFor("postgres");
        for (ulong t = 1; t <= 3; t++)
        {
            var root = t % 2 == 0 ? frontendOtherHost : frontend;
            await store.WriteAsync(Batch(
                Make(Id(9, t), 1, root, "GET /", 0, 100, SpanKind.Server),
                Make(Id(9, t), 2, root, "render", 5, 10, SpanKind.Internal, parentId: 1),
                Make(Id(9, t), 3, orders, "POST /orders", 20, 50, SpanKind.Server, parentId: 1),
                Make(Id(9, t), 4, db, "INSERT", 30, 5, SpanKind.Client, parentId: 3)), None);
        }

        var links = await store.GetDependenciesAsync(BaseTime, BaseTime + (1000 * Millisecond), None);

        Assert.Equal(
            [new DependencyLink("frontend", "orders", 3), new DependencyLink("orders", "postgres", 3)],
            links);
    }

    [Fact]
    public async Task GetDependenciesAsync_OutsideTheWindow_IsEmpty()
    {
        var store = Open();
        await store.WriteAsync(Batch(
            Make(Id(9, 10), 1, ResourceFor("a"), "root", 0, 100, SpanKind.Server),
            Make(Id(9, 10), 2, ResourceFor("b"), "child", 10, 10, SpanKind.Server, parentId: 1)), None);

        Assert.Empty(await store.GetDependenciesAsync(BaseTime + (60_000 * Millisecond), BaseTime + (120_000 * Millisecond), None));
    }
}
