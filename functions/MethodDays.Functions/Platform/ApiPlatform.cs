using System.Text.Encodings.Web;
using System.Text.Unicode;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MethodDays.Platform;

/// <summary>Cross-cutting HTTP setup: clock, JSON, validation, OpenAPI, and the middleware order.</summary>
public static class ApiPlatform
{
    /// <summary>Bodies above this are refused with 413 unless an endpoint sets its own limit.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddApiPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // Russian text as UTF-8, not \uXXXX: a Cyrillic letter is 2 bytes instead of 6 (the sheet's template 46 → 18 KB,
        // 9.1 → 5.3 KB compressed) on a slow line. HTML-sensitive characters (< > & ' ") are still escaped.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddValidation();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MethodDays API",
                    Version = "v1",
                    Description = "API MethodDays для муниципальных систем: листы оценки, недельный цикл ЕМД, банк практик. " +
                        "Вход — токен Microsoft Entra ID (Bearer). Ошибки — application/problem+json с полями, которые нужно исправить.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Токен доступа Microsoft Entra ID / External ID для API MethodDays.",
                };
                return Task.CompletedTask;
            });
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);
        builder.AddRequestLimits();
        builder.AddStructuredLogs();
        builder.Services.AddPublicUrl();
        return builder;
    }

    /// <summary>
    /// The middleware order. <paramref name="afterSignIn"/> runs once the caller is authenticated, authorized and past
    /// the rate limits, before any endpoint: the place where a feature turns the signed-in identity into its own
    /// idea of the caller (the app's members).
    /// </summary>
    public static WebApplication UseApiPlatform(this WebApplication app, Action<IApplicationBuilder>? afterSignIn = null)
    {
        app.UseRequestScopes();
        app.UseNoStoreForApi();
        app.UseResponseCompression();
        app.UseSecurityHeaders();
        app.UseProblems();
        app.UseRouting();
        app.UseMiddleware<BodySizeLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        afterSignIn?.Invoke(app);
        app.MapOpenApi("/api/openapi.json").WithName("OpenApiDocument").AllowAnonymous();
        app.MapClientConfig();
        app.MapHealth();
        return app;
    }
}
