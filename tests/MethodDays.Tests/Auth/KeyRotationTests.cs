using System.Net;
using MethodDays.Features.People;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Auth;

/// <summary>
/// The tenant rolls its signing key: the app picks the new key up from the published key set by itself, and a token
/// signed with the key that left the set is refused. Its own app, because a key refresh is allowed once in five minutes.
/// </summary>
public sealed class KeyRotationTests(EntraAppFactory app) : IClassFixture<EntraAppFactory>
{
    [Fact]
    public async Task AfterTheTenantRotatesItsKeyTheNewKeyWorksAndTheOldOneIsRefused()
    {
        var oid = Guid.NewGuid().ToString();
        await app.AddMemberAsync("rotation-t", "Киселёва Елена Викторовна", "kiseleva@s1.example", Role.SchoolAdmin, ["s1"], oid);
        var signedWithOldKey = await app.Tenant.TokenForAsync(oid, "Елена Киселёва", "kiseleva@s1.example");
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(signedWithOldKey).GetAsync("/api/me")).StatusCode);

        await app.Tenant.RotateKeysAsync();

        var signedWithNewKey = await app.Tenant.TokenForAsync(oid, "Елена Киселёва", "kiseleva@s1.example");
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(signedWithNewKey).GetAsync("/api/me")).StatusCode);
        var refused = await app.ClientWithToken(signedWithOldKey).GetAsync("/api/me");
        await refused.AssertProblemAsync(401);
    }
}
