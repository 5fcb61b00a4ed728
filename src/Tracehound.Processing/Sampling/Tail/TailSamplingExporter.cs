using Microsoft.Extensions.Logging;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Tail-based sampling like the collector's <c>tail_sampling</c> processor, as an exporter in front
/// of another (the store): spans are buffered per trace for <c>decision-wait</c> after the trace's
/// first span, then the policies decide (keep if any policy keeps) and kept traces go to the inner
/// exporter in one batch. Spans of a decided trace arriving later follow the decision (a bounded
/// decision cache remembers the last <c>max-traces</c> decisions).
/// <para>
/// Memory is bounded: at most <c>max-traces</c> traces and <c>max-spans</c> spans are buffered;
/// past either, the oldest traces are decided early. An ack to the client means "accepted into the
/// decision buffer", not durable: buffered spans are lost if the process is killed, and are
/// decided and flushed to the store on an orderly shutdown (<see cref="DisposeAsync"/>).
/// </para>
/// </summary>
public sealed partial class TailSamplingExporter : ISpanExporter, IAsyncDisposable
{
    private const int ForwardAttempts = 20;

    private readonly ISpanExporter _inner;
    private readonly TailSamplingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITailSamplingPolicy[] _policies;
    private readonly Lock _lock = new();
    private readonly Dictionary<TraceId, TailTrace> _traces = [];
    private readonly Queue<TailTrace> _arrivals = new();
    private readonly DecisionCache _decisions;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _bufferedSpans;
    private long _keptTraces;
    private long _droppedTraces;

    /// <exception cref="FormatException">The policies are not valid (the message says which and why).</exception>
    public TailSamplingExporter(ISpanExporter inner, TailSamplingOptions options, TimeProvider clock, ILogger logger)
    {
        if (options.MaxTraces < 1 || options.MaxSpans < 1 || options.DecisionWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "max traces and spans must be positive and the decision wait not negative");
        }

        _inner = inner;
        _options = options;
        _clock = clock;
        _logger = logger;
        _policies = TailSamplingPolicyParser.Parse(options.PoliciesJson, clock.GetUtcNow());
        _decisions = new DecisionCache(options.MaxTraces);
    }

    public string Name => "tail-sampling → " + _inner.Name;

    /// <summary>Traces waiting for a decision.</summary>
    public int BufferedTraces
    {
        get
        {
            lock (_lock)
            {
                return _traces.Count;
            }
        }
    }

    public int BufferedSpans
    {
        get
        {
            lock (_lock)
            {
                return _bufferedSpans;
            }
        }
    }

    public long KeptTraces => Interlocked.Read(ref _keptTraces);

    public long DroppedTraces => Interlocked.Read(ref _droppedTraces);

    internal IReadOnlyList<string> PolicyNames => [.. _policies.Select(p => p.Name)];

    /// <summary>Starts the loop that decides due traces (every tenth of the decision wait, 50 ms to 1 s).</summary>
    public void Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.DecisionWait.Ticks / 10, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(period, _clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    await DecideDueAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
    }

    public async ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        List<Span>? forward = null;
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var span in batch.Spans)
            {
                if (_decisions.TryGet(span.TraceId, out var keep))
                {
                    if (keep)
                    {
                        (forward ??= []).Add(span);
                    }

                    continue;
                }

                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    trace = new TailTrace(span.TraceId, now);
                    _traces[span.TraceId] = trace;
                    _arrivals.Enqueue(trace);
                }

                trace.Spans.Add(span);
                _bufferedSpans++;
            }

            // Over a cap: decide the oldest traces now.
            while (_traces.Count > _options.MaxTraces || _bufferedSpans > _options.MaxSpans)
            {
                if (!_arrivals.TryDequeue(out var oldest))
                {
                    break;
                }

                if (!oldest.Decided)
                {
                    DecideLocked(oldest, now, ref forward);
                }
            }
        }

        return forward is null ? ExportResult.Success : await ForwardAsync(forward, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides every trace whose decision wait is over and forwards the kept ones; returns how many were decided.</summary>
    public async Task<int> DecideDueAsync(CancellationToken cancellationToken)
    {
        List<Span>? forward = null;
        var decided = 0;
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            while (_arrivals.TryPeek(out var oldest) && (oldest.Decided || oldest.FirstArrival + _options.DecisionWait <= now))
            {
                _arrivals.Dequeue();
                if (!oldest.Decided)
                {
                    DecideLocked(oldest, now, ref forward);
                    decided++;
                }
            }
        }

        if (forward is not null)
        {
            await ForwardAsync(forward, cancellationToken).ConfigureAwait(false);
        }

        return decided;
    }

    /// <summary>Stops the loop, decides every buffered trace now and flushes the kept ones to the inner exporter.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        List<Span>? forward = null;
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            while (_arrivals.TryDequeue(out var trace))
            {
                if (!trace.Decided)
                {
                    DecideLocked(trace, now, ref forward);
                }
            }
        }

        if (forward is not null)
        {
            await ForwardAsync(forward, CancellationToken.None).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void DecideLocked(TailTrace trace, DateTimeOffset now, ref List<Span>? forward)
    {
        var keep = false;
        foreach (var policy in _policies)
        {
            if (policy.Samples(trace, now))
            {
                keep = true;
                break;
            }
        }

        trace.Decided = true;
        _traces.Remove(trace.TraceId);
        _bufferedSpans -= trace.Spans.Count;
        _decisions.Add(trace.TraceId, keep);
        if (keep)
        {
            _keptTraces++;
            (forward ??= []).AddRange(trace.Spans);
        }
        else
        {
            _droppedTraces++;
        }
    }

    /// <summary>Hands kept spans to the inner exporter, retrying while it is overloaded (they were already acknowledged).</summary>
    private async Task<ExportResult> ForwardAsync(List<Span> spans, CancellationToken cancellationToken)
    {
        var result = ExportResult.Success;
        for (var attempt = 0; attempt < ForwardAttempts; attempt++)
        {
            result = await _inner.ExportAsync(new SpanBatch(spans), cancellationToken).ConfigureAwait(false);
            if (result != ExportResult.Overloaded)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), _clock, cancellationToken).ConfigureAwait(false);
        }

        if (result != ExportResult.Success)
        {
            Log.ForwardFailed(_logger, spans.Count, result);
        }

        // The client's spans were accepted into the buffer either way.
        return ExportResult.Success;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Tail sampling could not hand {Count} kept spans to the store ({Result}); they are lost")]
        public static partial void ForwardFailed(ILogger logger, int count, ExportResult result);
    }
}
