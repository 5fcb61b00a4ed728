using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Tracehound.Hosting;

/// <summary>
/// The web UI (web/dist, embedded as <c>web/...</c> resources by Tracehound.csproj), loaded once into
/// memory: the bundle is small (~100 KB) and every request is then a dictionary lookup and a copy.
/// </summary>
internal sealed class WebUiAssets
{
    private const string Prefix = "web/";
    private readonly Dictionary<string, WebUiAsset> _byPath;

    private WebUiAssets(Dictionary<string, WebUiAsset> byPath)
    {
        _byPath = byPath;
    }

    /// <summary>False when the binary was built without the UI (<c>-p:BuildWebUi=false</c>).</summary>
    public bool IsAvailable => _byPath.ContainsKey("/index.html");

    public WebUiAsset? Index => _byPath.GetValueOrDefault("/index.html");

    public static WebUiAssets Load(Assembly assembly)
    {
        var byPath = new Dictionary<string, WebUiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var body = memory.ToArray();
            var path = "/" + normalized[Prefix.Length..];
            byPath[path] = new WebUiAsset(
                body,
                Compress(body),
                ContentType(path),
                "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"",
                // Vite puts content-hashed names under /assets/: they never change, so caches keep them.
                path.StartsWith("/assets/", StringComparison.Ordinal));
        }

        return new WebUiAssets(byPath);
    }

    public WebUiAsset? Find(string path) => _byPath.GetValueOrDefault(path);

    private static byte[]? Compress(byte[] body)
    {
        if (body.Length < 1024)
        {
            return null;
        }

        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return memory.Length < body.Length * 9 / 10 ? memory.ToArray() : null;
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
