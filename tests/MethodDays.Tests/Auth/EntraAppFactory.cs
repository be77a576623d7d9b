using System.Net.Http.Headers;
using MethodDays.Features.People;
using MethodDays.Tests.Browser;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace MethodDays.Tests.Auth;

/// <summary>
/// The app as it runs in production: Production environment, <c>Auth:Mode=Entra</c>, Microsoft.Identity.Web
/// validating tokens against a local tenant (<see cref="OidcTenant"/>) found only through the <c>AzureAd</c>
/// settings, and the page signing in through MSAL. No development sign-in exists here.
/// </summary>
public sealed class EntraAppFactory : BrowserAppFactory
{
    private const string TenantClient = "oidc-tenant";

    public OidcTenant Tenant { get; private set; } = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "Entra",
        ["Auth:SpaClientId"] = OidcTenant.SpaClientId,
        // The shape of https://login.microsoftonline.com/{tenant}: MSAL adds v2.0/.well-known/openid-configuration.
        ["Auth:SpaAuthority"] = $"{Tenant.Instance}{OidcTenant.TenantId}",
        ["Auth:SpaScope"] = OidcTenant.ApiScope,
        ["AzureAd:Instance"] = Tenant.Instance.ToString(),
        ["AzureAd:TenantId"] = OidcTenant.TenantId,
        ["AzureAd:ClientId"] = OidcTenant.ApiClientId,
        ["AzureAd:Audience"] = OidcTenant.ApiClientId,
    };

    public override async ValueTask InitializeAsync()
    {
        Tenant = await OidcTenant.StartAsync();
        // Tokens carry the real time and the page runs on the real clock: the app's "today" follows it here.
        var now = DateTimeOffset.UtcNow;
        if (now > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(now);
        }

        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            // Only what a machine that trusts the tenant's certificate has for free: the metadata and key requests
            // (JwtBearer's backchannel, Microsoft.Identity.Web's issuer validator) accept the local provider's one.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Tenant.TrustingHandler());
            services.AddHttpClient(TenantClient).ConfigurePrimaryHttpMessageHandler(Tenant.TrustingHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = TenantClient);
        });
    }

    /// <summary>A client that presents this access token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Adds a member as the coordinator does: by e-mail, with the object id only when it is already known.</summary>
    public async Task<Member> AddMemberAsync(string personId, string displayName, string email, Role role, string[] schoolIds, string? objectId)
    {
        var member = new Member(TestWorld.North, personId, displayName, email, role, schoolIds, true);
        await Service<DirectoryStore>().SaveMemberAsync(member, objectId, CancellationToken.None);
        return member;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Tenant.DisposeAsync();
    }
}
