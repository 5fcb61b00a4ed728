using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Tracehound.Commands;

/// <summary>
/// Sends log entries to a Datadog log intake in batches (at most <see cref="MaxEntries"/> entries and
/// <see cref="MaxBatchBytes"/> bytes, gzip-compressed). 429, 503 and other 5xx answers and connection
/// failures are retried with exponential backoff (honouring Retry-After); a batch refused with 400
/// or 413 is split in halves until the refused lines are isolated, so one bad line costs only itself.
/// </summary>
internal sealed class LogShipper
{
    /// <summary>Datadog's most entries per array.</summary>
    public const int MaxEntries = 1000;

    /// <summary>Below Datadog's 5 MB per payload, leaving room for the array's commas.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    private const int MaxAttempts = 8;

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly int _batchEntries;
    private readonly TextWriter _errors;
    private readonly List<Entry> _pending = [];
    private long _pendingBytes;

    public LogShipper(HttpClient client, Uri endpoint, int batchEntries, TextWriter errors)
    {
        _client = client;
        _endpoint = endpoint;
        _batchEntries = Math.Clamp(batchEntries, 1, MaxEntries);
        _errors = errors;
    }

    public long Sent { get; private set; }

    public long Refused { get; private set; }

    /// <summary>Line numbers of refused lines (the first 20).</summary>
    public List<long> RefusedLines { get; } = [];

    /// <summary>The last reason a batch was refused or could not be delivered.</summary>
    public string? LastError { get; private set; }

    public bool HasPending => _pending.Count > 0;

    public async Task AddAsync(long lineNumber, byte[] json, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0 && (_pending.Count >= _batchEntries || _pendingBytes + json.Length + 1 > MaxBatchBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _pending.Add(new Entry(lineNumber, json));
        _pendingBytes += json.Length + 1;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        _pendingBytes = 0;
        await SendAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(ArraySegment<Entry> batch, CancellationToken cancellationToken)
    {
        var (status, reason) = await PostWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            Sent += batch.Count;
            return;
        }

        if (status is (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
        {
            var half = batch.Count / 2;
            await SendAsync(batch[..half], cancellationToken).ConfigureAwait(false);
            await SendAsync(batch[half..], cancellationToken).ConfigureAwait(false);
            return;
        }

        LastError = reason;
        Refused += batch.Count;
        foreach (var entry in batch)
        {
            if (RefusedLines.Count < 20)
            {
                RefusedLines.Add(entry.LineNumber);
            }
        }

        await _errors.WriteLineAsync(batch.Count == 1
            ? $"line {batch[0].LineNumber}: refused: {reason}"
            : $"lines {batch[0].LineNumber}–{batch[^1].LineNumber}: refused: {reason}").ConfigureAwait(false);
    }

    /// <summary>The final status (0 when the server could not be reached) and why it was not a success.</summary>
    private async Task<(int Status, string Reason)> PostWithRetriesAsync(ArraySegment<Entry> batch, CancellationToken cancellationToken)
    {
        var body = Compress(batch);
        var reason = string.Empty;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            int status;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Headers.ContentEncoding.Add("gzip");
                using var response = await _client.PostAsync(_endpoint, content, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return (status, string.Empty);
                }

                reason = $"{status} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}".Trim();
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException ex)
            {
                status = 0;
                reason = $"cannot reach {_endpoint}: {ex.Message}";
            }

            var retriable = status is 0 or 408 or 429 or >= 500;
            if (!retriable || attempt >= MaxAttempts)
            {
                return (status, reason);
            }

            var backoff = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
            var delay = retryAfter is { } asked && asked > backoff ? asked : backoff;
            await _errors.WriteLineAsync($"{reason}; retrying in {delay.TotalSeconds:0.##} s").ConfigureAwait(false);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Compress(ArraySegment<Entry> batch)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.WriteByte((byte)'[');
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                {
                    gzip.WriteByte((byte)',');
                }

                gzip.Write(batch[i].Json);
            }

            gzip.WriteByte((byte)']');
        }

        return output.ToArray();
    }

    private readonly record struct Entry(long LineNumber, byte[] Json);
}
