using Tracehound.Commands;

namespace Tracehound.Tests.Search;

public sealed class SearchArgumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_EveryOption_IsRead()
    {
        Assert.True(SearchArguments.TryParse(["service:web status:error", "--server", "127.0.0.1:9999", "--from", "15m", "--to=now", "--limit", "5", "--traces", "--json"], Now, out var parsed, out var error), error);

        Assert.Equal("service:web status:error", parsed!.Query);
        Assert.Equal(new Uri("http://127.0.0.1:9999"), parsed.Server);
        Assert.Equal(Now.AddMinutes(-15).ToUnixTimeMilliseconds(), parsed.FromMillis);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), parsed.ToMillis);
        Assert.Equal(5, parsed.Limit);
        Assert.True(parsed.Traces);
        Assert.True(parsed.Json);
    }

    [Fact]
    public void TryParse_Nothing_SearchesEverythingOnTheDefaultServer()
    {
        Assert.True(SearchArguments.TryParse([], Now, out var parsed, out _));

        Assert.Equal(string.Empty, parsed!.Query);
        Assert.Equal(SearchArguments.DefaultServer, parsed.Server);
        Assert.Null(parsed.FromMillis);
        Assert.Equal(new Uri("http://127.0.0.1:16686/api/v1/spans?query="), SearchCommand.RequestUri(parsed));
    }

    [Theory]
    [InlineData("1732449600000", 1732449600000L)]
    [InlineData("2h", 1_795_514_400_000L)]
    [InlineData("7d", 1_794_916_800_000L)]
    [InlineData("2026-11-24T11:00:00Z", 1_795_518_000_000L)]
    [InlineData("2026-11-24T13:00:00+02:00", 1_795_518_000_000L)]
    public void TryParseTime_Forms_GiveUnixMilliseconds(string text, long millis)
    {
        Assert.True(SearchArguments.TryParseTime(text, Now, out var parsed, out var error), error);
        Assert.Equal(millis, parsed);
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("--limit", "0")]
    [InlineData("--limit")]
    [InlineData("--from", "soon")]
    [InlineData("--server", "ftp://x")]
    [InlineData("--colour", "red")]
    public void TryParse_Bad_FailsWithAReason(params string[] args)
    {
        Assert.False(SearchArguments.TryParse(args, Now, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void RequestUri_Traces_EscapesTheQuery()
    {
        Assert.True(SearchArguments.TryParse(["resource_name:\"GET /a?b\" & x", "--traces", "--from", "1000", "--limit", "3"], Now, out var parsed, out _));

        Assert.Equal("/api/v1/traces?query=resource_name%3A%22GET%20%2Fa%3Fb%22%20%26%20x&from=1000&limit=3", SearchCommand.RequestUri(parsed!).PathAndQuery);
    }
}
