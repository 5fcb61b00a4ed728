namespace Tracehound.Processing.Sampling;

/// <summary>
/// A token bucket like Go's <c>golang.org/x/time/rate.Limiter</c> (used by the agent's rare sampler
/// and the collector's rate-limiting policy): starts full, refills continuously at
/// <c>ratePerSecond</c> up to <c>burst</c>; a request for more than <c>burst</c> tokens never passes.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, double burst, DateTimeOffset now)
    {
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _last = now;
    }

    public bool TryTake(DateTimeOffset now, double count = 1)
    {
        lock (_lock)
        {
            if (now > _last)
            {
                _tokens = Math.Min(_burst, _tokens + ((now - _last).TotalSeconds * _ratePerSecond));
                _last = now;
            }

            if (count > _tokens)
            {
                return false;
            }

            _tokens -= count;
            return true;
        }
    }
}
