using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MethodDays.Platform.Web;

/// <summary>
/// Serves the static front end from the same executable (same origin as the API, no CORS). Declared as one
/// HTTP function with a catch-all route so the Functions host proxies page requests too.
/// </summary>
public static class WebAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplicationBuilder AddWebAssets(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            // Slow rural connections: compress everything textual, HTTPS included (no secrets are reflected in pages).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml", "text/javascript"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }

    public static IEndpointRouteBuilder MapWebAssets(this IEndpointRouteBuilder app)
    {
        // Web:Root points at the source web/ folder for live editing; otherwise the copy built beside the executable.
        var configured = app.ServiceProvider.GetRequiredService<IConfiguration>()["Web:Root"];
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(configured);
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (string? path, HttpContext http) => Serve(files, path, http))
            .WithName("WebAssets")
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    private static IResult Serve(IFileProvider files, string? path, HttpContext http)
    {
        path = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (path.StartsWith("api/", StringComparison.OrdinalIgnoreCase) || path.Contains("..", StringComparison.Ordinal))
        {
            return Results.Problem(detail: "Такого адреса нет.", statusCode: 404);
        }

        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            // Unknown page paths fall back to the app shell; unknown assets are a plain 404.
            if (Path.HasExtension(path))
            {
                return Results.Problem(detail: "Такого файла нет.", statusCode: 404);
            }

            file = files.GetFileInfo("index.html");
            if (!file.Exists)
            {
                return Results.Problem(detail: "Интерфейс не собран: в папке web нет index.html.", statusCode: 404);
            }
        }

        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "application/json" or "application/manifest+json")
        {
            contentType += "; charset=utf-8";
        }

        // Revalidate every time (tiny 304s) so a new release reaches phones at once.
        http.Response.Headers.CacheControl = "no-cache";
        var lastModified = file.LastModified;
        var etag = new EntityTagHeaderValue($"\"{lastModified.UtcTicks:x}-{file.Length:x}\"");
        return Results.File(file.CreateReadStream(), contentType, lastModified: lastModified, entityTag: etag, enableRangeProcessing: true);
    }
}
