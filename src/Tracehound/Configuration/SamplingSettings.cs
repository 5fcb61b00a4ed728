using System.Globalization;
using Tracehound.Processing.Sampling;
using Tracehound.Processing.Sampling.Tail;

namespace Tracehound.Configuration;

/// <summary>Resolves the <c>sampling-*</c> and <c>tail-sampling-*</c> options (docs/SAMPLING.md).</summary>
internal static class SamplingSettings
{
    public static bool TryResolve(Func<string, string> value, out SamplingOptions sampling, out TailSamplingOptions? tail, out string error)
    {
        sampling = new SamplingOptions();
        tail = null;
        if (!TryNumber(OptionCatalog.SamplingPercentage, 0, 100, out var percentage, out error)
            || !TryNumber(OptionCatalog.SamplingTargetTps, 0, double.MaxValue, out var targetTps, out error)
            || !TryNumber(OptionCatalog.SamplingErrorsPerSecond, 0, double.MaxValue, out var errorsPerSecond, out error)
            || !TryNumber(OptionCatalog.SamplingRareTps, 0, double.MaxValue, out var rareTps, out error)
            || !TryFlag(OptionCatalog.SamplingFullTraceId, out var fullTraceId, out error)
            || !TryFlag(OptionCatalog.SamplingHonorPriority, out var honorPriority, out error)
            || !TryFlag(OptionCatalog.SamplingRare, out var rare, out error)
            || !TryDuration(OptionCatalog.SamplingRareCooldown, out var rareCooldown, out error)
            || !TryDuration(OptionCatalog.TailSamplingDecisionWait, out var decisionWait, out error)
            || !TryPositive(OptionCatalog.TailSamplingMaxTraces, out var maxTraces, out error)
            || !TryPositive(OptionCatalog.TailSamplingMaxSpans, out var maxSpans, out error))
        {
            return false;
        }

        if (!uint.TryParse(value(OptionCatalog.SamplingHashSeed), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            error = $"--{OptionCatalog.SamplingHashSeed} must be a whole number from 0 to {uint.MaxValue}";
            return false;
        }

        sampling = new SamplingOptions
        {
            Percentage = percentage,
            HashSeed = seed,
            FullTraceId = fullTraceId,
            HonorPriority = honorPriority,
            TargetTps = targetTps,
            ErrorsPerSecond = errorsPerSecond,
            RareEnabled = rare,
            RareTps = rareTps,
            RareCooldown = rareCooldown,
        };

        var policies = value(OptionCatalog.TailSamplingPolicies).Trim();
        if (policies.Length == 0)
        {
            return true;
        }

        if (policies[0] is not ('[' or '{'))
        {
            try
            {
                policies = File.ReadAllText(policies);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"--{OptionCatalog.TailSamplingPolicies}: cannot read {policies}: {ex.Message}";
                return false;
            }
        }

        tail = new TailSamplingOptions { PoliciesJson = policies, DecisionWait = decisionWait, MaxTraces = maxTraces, MaxSpans = maxSpans };
        if (tail.Validate() is { } reason)
        {
            error = $"--{OptionCatalog.TailSamplingPolicies}: {reason}";
            tail = null;
            return false;
        }

        return true;

        bool TryNumber(string name, double min, double max, out double number, out string numberError)
        {
            numberError = double.TryParse(value(name), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && number >= min && number <= max
                ? string.Empty
                : max == double.MaxValue ? $"--{name} must be a number >= {min}" : $"--{name} must be a number from {min} to {max}";
            return numberError.Length == 0;
        }

        bool TryFlag(string name, out bool flag, out string flagError)
        {
            flagError = bool.TryParse(value(name), out flag) ? string.Empty : $"--{name} must be true or false";
            return flagError.Length == 0;
        }

        bool TryPositive(string name, out int number, out string numberError)
        {
            numberError = int.TryParse(value(name), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0 ? string.Empty : $"--{name} must be a positive whole number";
            return numberError.Length == 0;
        }

        bool TryDuration(string name, out TimeSpan duration, out string durationError)
        {
            durationError = DurationValue.TryParse(value(name), out duration) ? string.Empty : $"--{name} '{value(name)}' is not a duration (e.g. 10s, 500ms, 5m)";
            return durationError.Length == 0;
        }
    }
}
