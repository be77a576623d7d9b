using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace MethodDays.Platform.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Production: tokens from Entra ID / External ID validated by Microsoft.Identity.Web (they must carry
    /// <c>scp</c> or <c>roles</c>). Development (only in the Development environment): tokens signed with a
    /// local key by <see cref="DevTokenIssuer"/>. Both feed the same authorization: the members table.
    /// </summary>
    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        // When the tenant starts signing with a key this instance has not fetched yet (an unplanned rotation), fetch
        // the key set at once and validate again in the same request, instead of refusing it while a background
        // refresh runs. Set before any token is validated in either mode: IdentityModel reads the switch once per
        // process and keeps what it read.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.IsDevelopmentMode && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Auth:Mode=Development is allowed only in the Development environment.");
        }

        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        if (options.IsDevelopmentMode)
        {
            var key = string.IsNullOrEmpty(options.DevSigningKey)
                ? RandomNumberGenerator.GetBytes(32)
                : Convert.FromBase64String(options.DevSigningKey);
            if (key.Length < 32)
            {
                throw new InvalidOperationException("Auth:DevSigningKey must be at least 32 bytes (base64).");
            }

            var signingKey = new SymmetricSecurityKey(key) { KeyId = "methoddays-dev" };
            builder.Services.AddSingleton(new DevTokenIssuer(signingKey, options.DevIssuer, options.DevAudience));
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = options.DevIssuer,
                        ValidAudience = options.DevAudience,
                        IssuerSigningKey = signingKey,
                        ClockSkew = TimeSpan.FromSeconds(30),
                        NameClaimType = "name",
                    };
                });
        }
        else
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));

            // A key the tenant has taken out of its key set no longer signs in anyone: by default the last known
            // good key set stays valid for another hour after a refresh.
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                if (o.ConfigurationManager is BaseConfigurationManager keys)
                {
                    keys.UseLastKnownGoodConfiguration = false;
                }
            });
        }

        builder.Services.AddAuthorization();
        return builder;
    }
}
