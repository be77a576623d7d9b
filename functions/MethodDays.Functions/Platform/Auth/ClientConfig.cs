using Microsoft.Extensions.Options;

namespace MethodDays.Platform.Auth;

/// <summary>What the page needs to start signing in: the mode, and for Entra the public MSAL settings.</summary>
public sealed record ClientConfigResponse(string AuthMode, string? ClientId, string? Authority, string? Scope);

public static class ClientConfig
{
    public static IEndpointRouteBuilder MapClientConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", (IOptions<AuthOptions> options) =>
            {
                var o = options.Value;
                return TypedResults.Ok(o.IsDevelopmentMode
                    ? new ClientConfigResponse("development", null, null, null)
                    : new ClientConfigResponse("entra", o.SpaClientId, o.SpaAuthority, o.SpaScope));
            })
            .WithName("ClientConfig")
            .WithTags("Вход")
            .WithSummary("Настройки входа для страницы")
            .AllowAnonymous();
        return app;
    }
}
