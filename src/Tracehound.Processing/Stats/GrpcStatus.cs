using System.Globalization;

namespace Tracehound.Processing.Stats;

/// <summary>gRPC status codes as the agent accepts them (spec §6): a number, or a name with an optional <c>StatusCode.</c> prefix.</summary>
internal static class GrpcStatus
{
    private static readonly Dictionary<string, string> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OK"] = "0", ["CANCELLED"] = "1", ["CANCELED"] = "1", ["UNKNOWN"] = "2", ["INVALID_ARGUMENT"] = "3",
        ["DEADLINE_EXCEEDED"] = "4", ["NOT_FOUND"] = "5", ["ALREADY_EXISTS"] = "6", ["PERMISSION_DENIED"] = "7",
        ["RESOURCE_EXHAUSTED"] = "8", ["FAILED_PRECONDITION"] = "9", ["ABORTED"] = "10", ["OUT_OF_RANGE"] = "11",
        ["UNIMPLEMENTED"] = "12", ["INTERNAL"] = "13", ["UNAVAILABLE"] = "14", ["DATA_LOSS"] = "15", ["UNAUTHENTICATED"] = "16",
    };

    public static bool TryParse(string text, out string code)
    {
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            code = number.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        var name = text.StartsWith("StatusCode.", StringComparison.OrdinalIgnoreCase) ? text["StatusCode.".Length..] : text;
        return s_names.TryGetValue(name, out code!);
    }
}
