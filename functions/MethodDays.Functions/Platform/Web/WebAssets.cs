using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MethodDays.Platform.Web;

/// <summary>
/// Serves the static front end from the same executable (same origin as the API, no CORS). Declared as one
/// HTTP function with a catch-all route so the Functions host proxies page requests too.
/// </summary>
/// <remarks>
/// Versioned asset URLs without a build step: at start (and whenever a file changes) the server hashes every file of
/// the front end into one release name. <c>index.html</c> is served <c>no-cache</c> with its <c>/js/</c>,
/// <c>/css/</c>, <c>/features/</c> and <c>/vendor/</c> references rewritten to <c>/assets/{release}/…</c>, and
/// everything under that prefix is served <c>immutable</c> for a year. Modules import each other with relative paths,
/// so a whole release resolves under its own prefix: a phone that has a release never asks for it again, and a new
/// release is a new set of URLs. The service worker (<c>/sw.js</c>) is never cached by the browser.
/// </remarks>
public static partial class WebAssets
{
    public const string ImmutableCache = "public, max-age=31536000, immutable";

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
        // The API's answers: Brotli's middle setting (quality 4). The fastest left the sheet's template at 7.2 KB on the
        // wire against 4.7 KB, for well under a millisecond more per answer of that size.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }

    public static IEndpointRouteBuilder MapWebAssets(this IEndpointRouteBuilder app)
    {
        // Web:Root points at the source web/ folder for live editing; otherwise the copy built beside the executable.
        var configured = app.ServiceProvider.GetRequiredService<IConfiguration>()["Web:Root"];
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(configured);
        var release = new Release(Directory.Exists(root) ? root : null);
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (string? path, HttpContext http) => Serve(release, path, http))
            .WithName("WebAssets")
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    private static IResult Serve(Release release, string? path, HttpContext http)
    {
        path = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (path.StartsWith("api/", StringComparison.OrdinalIgnoreCase) || path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return NotFound("Такого адреса нет.");
        }

        var current = release.Current;
        var cacheControl = "no-cache";
        var match = AssetPath().Match(path);
        if (match.Success)
        {
            path = match.Groups["rest"].Value;
            // An older page may still ask for its release: it gets today's file, revalidated, never pinned for a year.
            if (match.Groups["release"].Value == current.Name)
            {
                cacheControl = ImmutableCache;
            }
        }

        // A file name with a trailing slash ("index.html/") names no file and no page.
        if (path.EndsWith('/') && Path.HasExtension(path.TrimEnd('/')))
        {
            return NotFound("Такого файла нет.");
        }

        var file = current.Files.GetFileInfo(path.TrimEnd('/'));
        if (!file.Exists || file.IsDirectory)
        {
            // Unknown page paths fall back to the app shell; unknown assets are a plain 404.
            if (Path.HasExtension(path) || match.Success)
            {
                return NotFound("Такого файла нет.");
            }

            path = "index.html";
            file = current.Files.GetFileInfo(path);
            if (!file.Exists)
            {
                return NotFound("Интерфейс не собран: в папке web нет index.html.");
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

        var shell = string.Equals(path.TrimEnd('/'), "index.html", StringComparison.OrdinalIgnoreCase) && !match.Success;
        if (shell)
        {
            SecurityHeaders.AllowInlineScripts(http, current.InlineScripts);
        }

        var lastModified = file.LastModified;
        var etag = shell ? $"\"{current.Name}\"" : $"\"{lastModified.UtcTicks:x}-{file.Length:x}\"";
        // The shell is always revalidated, its references pointing at this release.
        http.Response.Headers.CacheControl = shell ? "no-cache" : cacheControl;
        if (Compressible(contentType))
        {
            http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (AcceptsBrotli(http.Request))
            {
                // Text files are compressed once, at Brotli's best (the response compression's middle setting is for the
                // API's answers), and kept in memory: a third fewer bytes on a slow line than compressing each request.
                var compressed = current.Compressed(shell ? "index.html" : path, () => shell ? current.Index : CompactText.For(path, ReadAll(file)));
                http.Response.Headers.ContentEncoding = "br";
                return Results.Bytes(compressed, contentType, lastModified: shell ? null : lastModified,
                    entityTag: new EntityTagHeaderValue(etag.Insert(etag.Length - 1, "-br")));
            }
        }

        if (shell)
        {
            return Results.Bytes(current.Index, contentType, entityTag: new EntityTagHeaderValue(etag));
        }

        return Results.File(file.CreateReadStream(), contentType, lastModified: lastModified, entityTag: new EntityTagHeaderValue(etag), enableRangeProcessing: true);
    }

    private static bool Compressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.StartsWith("application/json", StringComparison.Ordinal)
        || contentType.StartsWith("application/manifest+json", StringComparison.Ordinal) || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal);

    private static bool AcceptsBrotli(HttpRequest request) =>
        request.Headers.AcceptEncoding.SelectMany(v => (v ?? "").Split(','))
            .Select(v => v.Split(';'))
            .Any(v => v[0].Trim().Equals("br", StringComparison.OrdinalIgnoreCase) && !v.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0"));

    private static byte[] ReadAll(IFileInfo file)
    {
        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Brotli(byte[] data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, quality: 11, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress a file of the front end.");
        }

        return buffer[..written];
    }

    private static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: 404, title: "Не найдено");

    [GeneratedRegex("""<script data-inline src="/(?<path>js/[a-z0-9-]+\.js)"></script>""")]
    private static partial Regex InlineScript();

    [GeneratedRegex("^assets/(?<release>[0-9a-f]{12})/(?<rest>.+)$")]
    private static partial Regex AssetPath();

    [GeneratedRegex("""(?<attr>\b(?:href|src)=")/(?<dir>js|css|features|vendor)/""")]
    private static partial Regex ShellReference();

    /// <summary>One release of the front end: its name (a hash of every file) and the shell rewritten to it.</summary>
    private sealed record Snapshot(string Name, IFileProvider Files, byte[] Index, string[] InlineScripts)
    {
        private readonly ConcurrentDictionary<string, byte[]> compressed = new(StringComparer.Ordinal);

        /// <summary>A file's Brotli bytes, compressed on first use and kept for the life of the release.</summary>
        public byte[] Compressed(string path, Func<byte[]> read) => compressed.GetOrAdd(path, _ => Brotli(read()));
    }

    /// <summary>The current release, recomputed when a file of the front end changes (live editing).</summary>
    private sealed class Release(string? root)
    {
        private readonly object gate = new();
        private readonly PhysicalFileProvider? files = root is null ? null : new PhysicalFileProvider(root);
        private Snapshot? snapshot;
        private IDisposable? watch;

        public Snapshot Current
        {
            get
            {
                lock (gate)
                {
                    return snapshot ??= Compute();
                }
            }
        }

        private Snapshot Compute()
        {
            if (root is null || files is null)
            {
                return new Snapshot("000000000000", new NullFileProvider(), [], []);
            }

            watch?.Dispose();
            try
            {
                watch = files.Watch("**/*").RegisterChangeCallback(_ =>
                {
                    lock (gate)
                    {
                        snapshot = null;
                    }
                }, null);
            }
            catch (IOException)
            {
                // No file watching left on this machine: the release is computed once, as in a deployment.
                watch = null;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, path).Replace('\\', '/') + "\n"));
                hash.AppendData(File.ReadAllBytes(path));
            }

            var name = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
            var indexPath = Path.Combine(root, "index.html");
            var hashes = new List<string>();
            var index = File.Exists(indexPath)
                ? Encoding.UTF8.GetBytes(ShellReference().Replace(Inline(File.ReadAllText(indexPath), hashes), m => $"{m.Groups["attr"].Value}/assets/{name}/{m.Groups["dir"].Value}/"))
                : [];
            return new Snapshot(name, files, index, [.. hashes]);
        }

        /// <summary>
        /// Writes each <c>&lt;script data-inline src="/js/…"&gt;</c> of the shell into it (its served, compacted text),
        /// noting the script's hash for the page's policy: a script that must run before anything else arrives costs no
        /// request of its own.
        /// </summary>
        private string Inline(string shell, List<string> hashes) => InlineScript().Replace(shell, m =>
        {
            var path = m.Groups["path"].Value;
            var file = files!.GetFileInfo(path);
            if (!file.Exists || file.IsDirectory)
            {
                return m.Value;
            }

            var text = Encoding.UTF8.GetString(CompactText.For(path, ReadAll(file)));
            if (text.Contains("</script", StringComparison.OrdinalIgnoreCase))
            {
                return m.Value;
            }

            hashes.Add(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
            return $"<script>{text}</script>";
        });
    }
}
