namespace MethodDays.Platform.Auth;

/// <summary>How people prove who they are. Section <c>Auth</c>; Entra settings live in section <c>AzureAd</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>Entra</c> (production: Microsoft Entra ID / External ID) or <c>Development</c> (local tokens).</summary>
    public string Mode { get; set; } = "Entra";

    /// <summary>Base64 HMAC key for development tokens (≥ 32 bytes). Generated per start when empty.</summary>
    public string? DevSigningKey { get; set; }

    public string DevIssuer { get; set; } = "https://methoddays.local/dev";

    public string DevAudience { get; set; } = "methoddays";

    /// <summary>Client id and authority for the page's MSAL sign-in (public values; served to the browser).</summary>
    public string? SpaClientId { get; set; }

    public string? SpaAuthority { get; set; }

    /// <summary>The API scope the page requests, e.g. <c>api://…/access_as_user</c>.</summary>
    public string? SpaScope { get; set; }

    public bool IsDevelopmentMode => string.Equals(Mode, "Development", StringComparison.OrdinalIgnoreCase);
}
