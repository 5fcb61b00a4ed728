using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Tracehound.Hosting;

/// <summary>
/// Serves the web UI on the API listener: static files from <see cref="WebUiAssets"/>, and
/// index.html for the UI's deep links (<c>/</c>, <c>/trace/{id}</c>, <c>/services</c>,
/// <c>/services/{service}</c>, <c>/logs</c>) so a reload or a shared link opens the right view.
/// A catch-all route, so every <c>/api/...</c> endpoint keeps priority; unknown <c>/api</c> paths stay 404.
/// </summary>
internal static class WebUiEndpoints
{
    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder endpoints)
    {
        var assets = WebUiAssets.Load(typeof(WebUiEndpoints).Assembly);
        endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(context => ServeAsync(context, assets)));
        return endpoints;
    }

    internal static bool IsUiRoute(string path) =>
        path is "/" or "/services" or "/services/" or "/logs" or "/logs/"
        || (path.StartsWith("/trace/", StringComparison.Ordinal) && path.Length > "/trace/".Length)
        || (path.StartsWith("/services/", StringComparison.Ordinal) && path.Length > "/services/".Length);

    private static Task ServeAsync(HttpContext context, WebUiAssets assets)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var asset = assets.Find(path);
        if (asset is null && IsUiRoute(path))
        {
            if (!assets.IsAvailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("The web UI is not in this build (built with -p:BuildWebUi=false). The query API is at /api/.", context.RequestAborted);
            }

            asset = assets.Index;
        }

        if (asset is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Not found", context.RequestAborted);
        }

        return WriteAsync(context, asset);
    }

    private static Task WriteAsync(HttpContext context, WebUiAsset asset)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(asset.ETag, StringComparison.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = asset.Body;
        if (asset.Gzip is { } gzip && AcceptsGzip(context.Request))
        {
            body = gzip;
            headers.ContentEncoding = "gzip";
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
