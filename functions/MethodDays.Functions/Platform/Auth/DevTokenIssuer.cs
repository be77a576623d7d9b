using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MethodDays.Platform.Auth;

/// <summary>Mints locally signed tokens shaped like Entra's (oid, name, scp). Registered only in Development.</summary>
public sealed class DevTokenIssuer(SymmetricSecurityKey key, string issuer, string audience)
{
    public const string Scope = "access_as_user";

    public string Issue(string identityId, string displayName, string? email, TimeSpan lifetime)
    {
        var claims = new List<Claim>
        {
            new("oid", identityId),
            new("sub", identityId),
            new("name", displayName),
            new("scp", Scope),
        };
        if (!string.IsNullOrEmpty(email))
        {
            claims.Add(new Claim("preferred_username", email));
        }

        // Token lifetimes follow the real clock, as the validator does, not the app's (possibly fake) domain clock.
        var now = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-5),
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
