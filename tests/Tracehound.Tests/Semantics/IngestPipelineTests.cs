using Tracehound.Hosting;
using Tracehound.Model;
using Tracehound.Processing.Obfuscation;
using Tracehound.Processing.Semantics;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

/// <summary>The ingest processors in their order: views derived from obfuscated attributes, as the query side derives them.</summary>
public sealed class IngestPipelineTests
{
    [Fact]
    public void Processors_SqlSpan_DerivedResourceIsTheObfuscatedStatement()
    {
        var span = Create(SpanKind.Client, "SELECT users", Attributes("db.system=postgresql", "db.statement=SELECT * FROM users WHERE name = 'alice' AND id = 42"));

        Process(span, new ObfuscationSettings());

        var view = span.Datadog!;
        Assert.True(view.Derived);
        Assert.Equal("SELECT * FROM users WHERE name = ? AND id = ?", view.Resource);
        Assert.Equal(("checkout", "postgresql.query", "sql"), (view.Service, view.Name, view.Type));
        Assert.Null(view.Meta);
    }

    [Fact]
    public void Processors_AfterIngest_ViewEqualsTheOneTheQuerySideDerivesFromTheStoredSpan()
    {
        var ingested = Create(SpanKind.Client, "GET", Attributes("db.system=redis", "db.statement=SET key secret-value", "peer.service=Cache"));
        Process(ingested, new ObfuscationSettings());

        // What the store keeps: the span without its derived view; the query side derives the full one.
        var stored = Create(SpanKind.Client, "GET", ingested.Attributes);
        Run(new SpanBatch([stored]));

        Assert.Equal(
            (stored.Datadog!.Service, stored.Datadog.Name, stored.Datadog.Resource, stored.Datadog.Type, stored.Datadog.TopLevel),
            (ingested.Datadog!.Service, ingested.Datadog.Name, ingested.Datadog.Resource, ingested.Datadog.Type, ingested.Datadog.TopLevel));
        Assert.Equal("SET key ?", ingested.Datadog.Resource);
        Assert.True(DatadogTags.TryGetMeta(ingested, ingested.Datadog, "peer.service", out var peer));
        Assert.Equal("cache", peer);
    }

    [Fact]
    public void Processors_WithoutObfuscation_StatementKept()
    {
        var span = Create(SpanKind.Client, "q", Attributes("db.system=mysql", "db.statement=SELECT 1"));

        Process(span, obfuscation: null);

        Assert.Equal("SELECT 1", span.Datadog!.Resource);
        Assert.DoesNotContain(IngestPipeline.Processors(new DatadogSemanticsOptions(), null), p => p is ObfuscationProcessor);
    }

    [Fact]
    public void Processors_TracerSentView_NormalizedAndObfuscated()
    {
        var span = Create(SpanKind.Client, "q");
        span.Datadog = new DatadogSpanInfo { Service = "My Service", Name = "pg.query", Resource = "SELECT * FROM t WHERE id = 7", Type = "sql" };

        Process(span, new ObfuscationSettings());

        Assert.False(span.Datadog.Derived);
        Assert.Equal(("my_service", "SELECT * FROM t WHERE id = ?", true), (span.Datadog.Service, span.Datadog.Resource, span.Datadog.TopLevel));
    }

    private static void Process(Span span, ObfuscationSettings? obfuscation)
    {
        var batch = new SpanBatch([span]);
        foreach (var processor in IngestPipeline.Processors(new DatadogSemanticsOptions(), obfuscation))
        {
            processor.Process(batch);
        }
    }
}
