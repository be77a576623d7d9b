using System.Net;
using System.Text.RegularExpressions;
using MethodDays.Tests.Browser;

namespace MethodDays.Tests.Web;

/// <summary>
/// The page's files on a slow line: the shell is revalidated every time, every other file has a versioned address
/// that the browser keeps for a year without asking again; odd addresses are a 404, never a 500.
/// </summary>
public sealed partial class WebAssetsTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task TheShellIsRevalidatedAndPointsAtVersionedFilesKeptForAYear()
    {
        using var client = app.AnonymousClient();

        var shell = await client.GetAsync("/");
        var html = await shell.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.True(shell.Headers.CacheControl!.NoCache);
        var script = AppScript().Match(html);
        Assert.True(script.Success, "index.html does not load app.js from a versioned address.");
        Assert.DoesNotContain("href=\"/css/", html, StringComparison.Ordinal);

        var module = await client.GetAsync(script.Groups["url"].Value);

        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Equal("text/javascript", module.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", module.Headers.CacheControl!.ToString());
        Assert.Contains("import", await module.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A module is no document: it carries nosniff, not the document policies (bytes on every file of a slow line).
        Assert.Equal("nosniff", module.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(module.Headers.Contains("Content-Security-Policy"));
        Assert.False(module.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", shell.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task TheFirstScreensEarlyRequestsAreWrittenIntoTheShellAndAllowedByTheirHashAlone()
    {
        using var client = app.AnonymousClient();

        var shell = await client.GetAsync("/");
        var html = await shell.Content.ReadAsStringAsync();

        // The script that starts /api/config and /api/me is in the page itself, not one more request on a slow line.
        Assert.DoesNotContain("early.js\"", html, StringComparison.Ordinal);
        var inline = InlineScript().Match(html);
        Assert.True(inline.Success, "index.html has no inline script.");
        Assert.Contains("methodDaysEarly", inline.Groups["text"].Value, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inline.Groups["text"].Value)));
        var policy = shell.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        // Only the shell may run it: an API answer's policy names no inline script.
        var me = await app.ClientFor("admin-s1").GetAsync("/api/me");
        Assert.DoesNotContain("sha256-", me.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceWorkerKeepsThePolicyAWorkerRunsUnder()
    {
        using var client = app.AnonymousClient();

        var worker = await client.GetAsync("/sw.js");

        Assert.Contains("script-src 'self'", worker.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AFileOfAnotherReleaseIsServedButNotPinned()
    {
        using var client = app.AnonymousClient();

        var old = await client.GetAsync("/assets/0123456789ab/js/dom.js");

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.True(old.Headers.CacheControl!.NoCache);
    }

    [Fact]
    public async Task TheServiceWorkerIsNeverKeptByTheBrowser()
    {
        using var client = app.AnonymousClient();

        var worker = await client.GetAsync("/sw.js");

        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.True(worker.Headers.CacheControl!.NoCache);
    }

    [Theory]
    [InlineData("/index.html/")]
    [InlineData("/js/app.js/")]
    [InlineData("/assets/0123456789ab/js/missing.js")]
    [InlineData("/css/missing.css")]
    public async Task AFileNameThatNamesNoFileIsA404WithoutSigningIn(string path)
    {
        using var client = app.AnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [GeneratedRegex("""<script type="module" src="(?<url>/assets/[0-9a-f]{12}/js/app\.js)">""")]
    private static partial Regex AppScript();

    [GeneratedRegex("<script>(?<text>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
