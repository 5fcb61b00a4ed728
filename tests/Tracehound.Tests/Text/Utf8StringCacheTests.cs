using System.Text;
using Tracehound.Ingest.Text;

namespace Tracehound.Tests.Text;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void GetOrAdd_SameAsciiBytesTwice_ReturnsTheSameInstance()
    {
        var cache = new Utf8StringCache(16);

        var first = cache.GetOrAdd("http.request.method"u8);
        var second = cache.GetOrAdd("http.request.method"u8);

        Assert.Equal("http.request.method", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrAdd_CollidingStrings_StillReturnTheirOwnText()
    {
        // Two slots for many strings: collisions must evict, never answer with the wrong string.
        var cache = new Utf8StringCache(2);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                var text = $"key.{i}";
                Assert.Equal(text, cache.GetOrAdd(Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    [Fact]
    public void GetOrAdd_NonAsciiAndLongStrings_DecodeCorrectlyAndAreNotCached()
    {
        var cache = new Utf8StringCache(16);
        var longText = new string('x', Utf8StringCache.MaxCachedLength + 1);

        Assert.Equal("grüße", cache.GetOrAdd(Encoding.UTF8.GetBytes("grüße")));
        Assert.NotSame(cache.GetOrAdd(Encoding.UTF8.GetBytes("grüße")), cache.GetOrAdd(Encoding.UTF8.GetBytes("grüße")));
        Assert.NotSame(cache.GetOrAdd(Encoding.UTF8.GetBytes(longText)), cache.GetOrAdd(Encoding.UTF8.GetBytes(longText)));
        Assert.Equal("\uFFFD", cache.GetOrAdd([0xff]));
        Assert.Equal("\uFFFD", cache.GetOrAdd([0xff]));
        Assert.Same(string.Empty, cache.GetOrAdd([]));
    }

    [Fact]
    public void GetOrAdd_ConcurrentCallers_AlwaysGetTheirOwnText()
    {
        var cache = new Utf8StringCache(8);
        var keys = Enumerable.Range(0, 64).Select(i => $"attribute.key.{i}").ToArray();
        var utf8 = keys.Select(Encoding.UTF8.GetBytes).ToArray();

        Parallel.For(0, 8, _ =>
        {
            for (var round = 0; round < 2000; round++)
            {
                var i = round % keys.Length;
                Assert.Equal(keys[i], cache.GetOrAdd(utf8[i]));
            }
        });
    }
}
