using Tracehound.Model;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// Trace and span signatures as the agent computes them (<c>pkg/trace/sampler/signature.go</c>):
/// FNV-1a-32 of (env, service, name, error flag, [resource], http.status_code, error.type).
/// </summary>
internal static class TraceSignature
{
    public static uint SpanHash(Span span, string env, bool withResource)
    {
        var hash = new Fnv1a32();
        hash.Add(env);
        hash.Add(SamplingSpanView.Service(span));
        hash.Add(SamplingSpanView.Name(span));
        hash.Add(SamplingSpanView.IsError(span) ? (byte)1 : (byte)0);
        if (withResource)
        {
            hash.Add(SamplingSpanView.Resource(span));
        }

        if (SamplingSpanView.TryGetMeta(span, SamplingTags.HttpStatusCode, out var code))
        {
            hash.Add(code);
        }

        if (SamplingSpanView.TryGetMeta(span, SamplingTags.ErrorType, out var type))
        {
            hash.Add(type);
        }

        return hash.Value;
    }

    /// <summary>The root's hash (with resource) XOR the distinct hashes (without resource) of all the chunk's spans.</summary>
    public static ulong Compute(IReadOnlyList<Span> spans, Span root, string env)
    {
        var rootHash = SpanHash(root, env, withResource: true);
        Span<uint> hashes = spans.Count <= 256 ? stackalloc uint[spans.Count] : new uint[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            hashes[i] = SpanHash(spans[i], env, withResource: false);
        }

        hashes.Sort();
        var last = hashes[0];
        var traceHash = last ^ rootHash;
        for (var i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] != last)
            {
                last = hashes[i];
                traceHash ^= last;
            }
        }

        return traceHash;
    }
}
