namespace MethodDays.Platform.Web;

/// <summary>Security headers on every response: no inline script, no framing, no MIME sniffing.</summary>
public static class SecurityHeaders
{
    // MSAL signs in by redirect to the identity provider; the page itself loads only its own scripts.
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self' https://login.microsoftonline.com https://*.ciamlogin.com; frame-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                // An endpoint may set a stricter policy of its own (uploaded files are sandboxed).
                if (string.IsNullOrEmpty(h.ContentSecurityPolicy))
                {
                    h.ContentSecurityPolicy = Policy;
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
