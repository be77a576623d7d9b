namespace MethodDays.Platform.Web;

/// <summary>Security headers on every response: no inline script but the shell's own (allowed by hash), no framing, no MIME sniffing.</summary>
public static class SecurityHeaders
{
    // MSAL signs in by redirect to the identity provider; the page itself loads only its own scripts.
    private const string Policy =
        "default-src 'self'; script-src 'self'{1}; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self' https://login.microsoftonline.com https://*.ciamlogin.com{0}; frame-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // MSAL also fetches from the configured authority when it is elsewhere (a custom sign-in domain, another cloud).
        var authority = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Auth.AuthOptions>>().Value.SpaAuthority;
        var connect = Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        var policy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, connect, "");
        // The shell's policy, with its inline scripts' hashes, once per release (the hashes are the release's own array).
        var shellPolicies = new System.Runtime.CompilerServices.ConditionalWeakTable<string[], string>();
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                if (SubresourceOnly(context))
                {
                    return Task.CompletedTask;
                }

                // An endpoint may set a stricter policy of its own (uploaded files are sandboxed).
                if (string.IsNullOrEmpty(h.ContentSecurityPolicy))
                {
                    h.ContentSecurityPolicy = context.Items[InlineScriptsKey] is string[] { Length: > 0 } hashes
                        ? shellPolicies.GetValue(hashes, h => string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, connect, string.Concat(h.Select(x => $" 'sha256-{x}'"))))
                        : policy;
                }

                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    private static readonly object InlineScriptsKey = new();

    /// <summary>
    /// Lets this response's document run the inline scripts with these SHA-256 hashes (base64) and no other: the shell
    /// carries the first screen's early requests inline (<see cref="WebAssets"/>).
    /// </summary>
    public static void AllowInlineScripts(HttpContext context, string[] sha256) => context.Items[InlineScriptsKey] = sha256;

    /// <summary>
    /// A versioned script or stylesheet of the page (<c>/assets/…</c>, never a document or a worker): the policies
    /// above govern documents, so on these they would only be bytes — about half a kilobyte a file, some 25 files on
    /// the first screen, on a line that moves 50 KB a second. They keep <c>nosniff</c>, which is what applies to them.
    /// </summary>
    private static bool SubresourceOnly(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
        && context.Response.ContentType is { } type
        && (type.StartsWith("text/javascript", StringComparison.Ordinal) || type.StartsWith("text/css", StringComparison.Ordinal));
}
