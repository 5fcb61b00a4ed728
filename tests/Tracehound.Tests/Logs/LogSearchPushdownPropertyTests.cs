using FsCheck.Xunit;
using Tracehound.Model;
using Tracehound.Query.Logs;
using Tracehound.Storage;
using Xunit;

namespace Tracehound.Tests.Logs;

/// <summary>
/// The store's push-down of log query terms never drops a match: over random queries (terms built
/// from the corpus's own text, values and ids, case-flipped, sliced, negated) the records the store
/// returns, re-checked by <see cref="LogQueryMatcher"/>, are exactly the records of the whole
/// corpus the matcher accepts, in the same order; and for service, status and trace terms alone
/// the store returns nothing more.
/// </summary>
public sealed class LogSearchPushdownPropertyTests(LogSearchCorpus corpus) : IClassFixture<LogSearchCorpus>
{
    private static readonly (int Min, int Max)[] s_severities = [(1, 4), (5, 8), (9, 12), (13, 16), (17, 20), (21, 24)];

    private static readonly TraceLookup[] s_lookups =
    [
        TraceLookup.Full(new TraceId(0x11, 7)), TraceLookup.Full(new TraceId(0x22, 7)), TraceLookup.Full(new TraceId(0x99, 7)),
        TraceLookup.ByLow64(7), TraceLookup.Full(new TraceId(0x33, 8)), TraceLookup.Full(new TraceId(0x77, 8)),
        TraceLookup.ByLow64(9), TraceLookup.Full(new TraceId(0x44, 9)), TraceLookup.Full(new TraceId(0x45, 9)), TraceLookup.ByLow64(10),
    ];

    [Property(MaxTest = 400)]
    public void FindLogsAsync_RandomQuery_ReturnsEveryMatchOfTheMatcher(int seed)
    {
        var random = new Random(seed);
        var terms = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomTerm(random)).ToList();

        var candidates = corpus.Store.FindLogsAsync(new LogSearch { Terms = terms, Limit = 10_000 }, CancellationToken.None).GetAwaiter().GetResult();

        var expected = corpus.All.Where(r => LogQueryMatcher.Matches(r, terms)).Select(r => r.ObservedTimeUnixNano).ToList();
        var actual = candidates.Where(r => LogQueryMatcher.Matches(r, terms)).Select(r => r.ObservedTimeUnixNano).ToList();
        Assert.True(expected.SequenceEqual(actual), $"query {Describe(terms)}: expected {expected.Count} matches, the store kept {actual.Count}");
        if (terms.All(t => t.Kind is LogQueryTermKind.Service or LogQueryTermKind.Status or LogQueryTermKind.TraceId))
        {
            Assert.True(expected.Count == candidates.Count, $"query {Describe(terms)}: exact terms, but the store returned {candidates.Count} for {expected.Count} matches");
        }
    }

    [Fact]
    public async Task FindLogsAsync_SelectiveTextTerm_ReturnsFewerCandidatesThanRecords()
    {
        // Guards against a push-down that silently turned into "no condition": the property above would still pass.
        var terms = new[] { new LogQueryTerm(LogQueryTermKind.Text, "order-42", false) };

        var candidates = await corpus.Store.FindLogsAsync(new LogSearch { Terms = terms, Limit = 10_000 }, CancellationToken.None);

        var matches = corpus.All.Count(r => LogQueryMatcher.Matches(r, terms));
        Assert.InRange(matches, 1, corpus.All.Count / 2);
        Assert.InRange(candidates.Count, matches, corpus.All.Count / 2);
    }

    private static string Describe(IEnumerable<LogQueryTerm> terms) =>
        string.Join(" ", terms.Select(t => $"[{(t.Negated ? "-" : string.Empty)}{t.Kind} {t.Name}:{Escape(t.Value)} {t.MinSeverity}-{t.MaxSeverity} {t.Trace}/{t.TraceFallback}]"));

    private static string Escape(string text) => string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private LogQueryTerm RandomTerm(Random random)
    {
        var negated = random.Next(10) < 3;
        switch (random.Next(5))
        {
            case 0:
                return new LogQueryTerm(LogQueryTermKind.Text, RandomSearchText(random), negated);
            case 1:
                var service = LogSearchCorpus.Resources[random.Next(LogSearchCorpus.Resources.Length)].ServiceName;
                var pattern = random.Next(5) switch
                {
                    0 => "*",
                    1 => FlipCase(random, service[..random.Next(service.Length + 1)]) + "*",
                    2 => "nobody",
                    _ => FlipCase(random, service),
                };
                return new LogQueryTerm(LogQueryTermKind.Service, pattern, negated);
            case 2:
                var (min, max) = s_severities[random.Next(s_severities.Length)];
                return new LogQueryTerm(LogQueryTermKind.Status, "s", negated) { MinSeverity = min, MaxSeverity = max };
            case 3:
                return new LogQueryTerm(LogQueryTermKind.TraceId, "t", negated)
                {
                    Trace = s_lookups[random.Next(s_lookups.Length)],
                    TraceFallback = random.Next(3) == 0 ? s_lookups[random.Next(s_lookups.Length)] : null,
                };
            default:
                var name = random.Next(8) == 0 ? "service.name" : LogSearchCorpus.Keys[random.Next(LogSearchCorpus.Keys.Length)];
                return new LogQueryTerm(LogQueryTermKind.Attribute, RandomAttributeValue(random, name), negated) { Name = name };
        }
    }

    /// <summary>A slice of a stored message (so that it matches something), a piece of the corpus's text, or nothing.</summary>
    private string RandomSearchText(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return string.Empty;
            case 1 or 2 or 3:
                return LogSearchCorpus.RandomText(random, 2);
            default:
                var body = corpus.All[random.Next(corpus.All.Count)].Body.ToString();
                var start = random.Next(body.Length + 1);
                return FlipCase(random, body.Substring(start, random.Next(Math.Min(8, body.Length - start) + 1)));
        }
    }

    private string RandomAttributeValue(Random random, string name)
    {
        var values = corpus.All.SelectMany(r => r.Attributes.Concat(r.Resource.Attributes)).Where(kv => kv.Key == name).Select(kv => kv.Value.ToString()).ToList();
        if (values.Count == 0 || random.Next(6) == 0)
        {
            return random.Next(2) == 0 ? "*" : LogSearchCorpus.RandomText(random, 2);
        }

        var value = FlipCase(random, values[random.Next(values.Count)]);
        return random.Next(3) == 0 ? value[..random.Next(value.Length + 1)] + "*" : value;
    }

    private static string FlipCase(Random random, string text) =>
        string.Concat(text.Select(c => random.Next(3) switch { 0 => char.ToUpperInvariant(c), 1 => char.ToLowerInvariant(c), _ => c }));
}
