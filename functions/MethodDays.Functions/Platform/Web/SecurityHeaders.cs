namespace MethodDays.Platform.Web;

/// <summary>Security headers on every response: no inline script, no framing, no MIME sniffing.</summary>
public static class SecurityHeaders
{
    // MSAL signs in by redirect to the identity provider; the page itself loads only its own scripts.
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self' https://login.microsoftonline.com https://*.ciamlogin.com{0}; frame-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // MSAL also fetches from the configured authority when it is elsewhere (a custom sign-in domain, another cloud).
        var authority = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Auth.AuthOptions>>().Value.SpaAuthority;
        var policy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy,
            Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? " " + uri.GetLeftPart(UriPartial.Authority) : "");
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                // An endpoint may set a stricter policy of its own (uploaded files are sandboxed).
                if (string.IsNullOrEmpty(h.ContentSecurityPolicy))
                {
                    h.ContentSecurityPolicy = policy;
                }

                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
