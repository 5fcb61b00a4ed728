using System.Globalization;
using System.Net;

namespace Tracehound.Configuration;

/// <summary>Where a listener binds: an IP address and a port (0 picks a free one), or nowhere.</summary>
internal sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>
    /// Parses <c>HOST:PORT</c>, <c>[IPv6]:PORT</c>, <c>:PORT</c> or <c>PORT</c> (host = <paramref name="defaultHost"/>),
    /// or <c>off</c> (returns null). HOST is an IP address, <c>localhost</c>, <c>*</c> or <c>0.0.0.0</c>.
    /// </summary>
    public static bool TryParse(string text, IPAddress defaultHost, out ListenAddress? address, out string error)
    {
        address = null;
        error = string.Empty;
        text = text.Trim();
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string host;
        string port;
        var colon = text.LastIndexOf(':');
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"'{text}' is not [IPv6]:PORT";
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
        }
        else if (colon < 0)
        {
            host = string.Empty;
            port = text;
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            error = $"'{text}': write an IPv6 address in brackets, as [::1]:4317";
            return false;
        }
        else
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
        {
            error = $"'{text}': the port must be a number from 0 to 65535";
            return false;
        }

        IPAddress ip;
        if (host.Length == 0)
        {
            ip = defaultHost;
        }
        else if (host is "*" or "0.0.0.0")
        {
            ip = IPAddress.Any;
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out ip!))
        {
            error = $"'{text}': the host must be an IP address, localhost or *";
            return false;
        }

        address = new ListenAddress(ip, portNumber);
        return true;
    }

    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
