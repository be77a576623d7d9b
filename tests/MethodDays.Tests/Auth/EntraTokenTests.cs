using System.Net;
using MethodDays.Features.People;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Auth;

/// <summary>
/// Tokens from the tenant against the API in production mode: Microsoft.Identity.Web reads the tenant's metadata and
/// keys, then the member is found by object id or, at the first sign-in, by e-mail. Bad tokens get 401 problem+json.
/// </summary>
public sealed class EntraTokenTests(EntraAppFactory app) : IClassFixture<EntraAppFactory>
{
    private static string NewObjectId() => Guid.NewGuid().ToString();

    [Fact]
    public async Task MemberIsFoundByObjectIdWhateverTheirSignInEmail()
    {
        var oid = NewObjectId();
        await app.AddMemberAsync("smirnova-op", "Смирнова Ольга Петровна", "smirnova@s2.example", Role.SchoolAdmin, ["s2"], oid);
        var token = await app.Tenant.TokenForAsync(oid, "Ольга Смирнова", "o.smirnova@mail.example");

        var me = await (await app.ClientWithToken(token).GetAsync("/api/me")).ReadJsonAsync();

        Assert.Equal("smirnova-op", (string?)me["member"]!["personId"]);
        Assert.Equal("Смирнова Ольга Петровна", (string?)me["member"]!["displayName"]);
        Assert.Equal(["s2"], me["schools"]!.AsArray().Select(s => (string)s!["id"]!).ToArray());
    }

    [Fact]
    public async Task FirstSignInFindsTheMemberByEmailAndLinksTheirObjectId()
    {
        // The coordinator added her by e-mail; the tenant's object id is not known before she signs in.
        await app.AddMemberAsync("petrova-in", "Петрова Ирина Николаевна", "Petrova@S3.example", Role.SchoolAdmin, ["s3"], objectId: null);
        var oid = NewObjectId();

        var first = await app.ClientWithToken(await app.Tenant.TokenForAsync(oid, "Ирина Петрова", "petrova@s3.example")).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("petrova-in", (string?)(await first.ReadJsonAsync())["member"]!["personId"]);

        // Later her organisation changes her address: the linked object id still finds her.
        var later = await app.ClientWithToken(await app.Tenant.TokenForAsync(oid, "Ирина Петрова", "i.petrova@new.example")).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("petrova-in", (string?)(await later.ReadJsonAsync())["member"]!["personId"]);
    }

    [Fact]
    public async Task ValidTokenOfSomeoneWhoIsNotAMemberIsRefusedInRussian()
    {
        var token = await app.Tenant.TokenForAsync(NewObjectId(), "Случайный Гость", "guest@elsewhere.example");

        var body = await (await app.ClientWithToken(token).GetAsync("/api/me")).AssertProblemAsync(403);

        Assert.Contains("не добавлены в MethodDays", (string?)body["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredTokenIsRefused()
    {
        var oid = NewObjectId();
        await app.AddMemberAsync("expired-t", "Орлова Мария Ивановна", "orlova@s1.example", Role.Teacher, ["s1"], oid);
        var token = await app.Tenant.TokenAsync(Claims(oid, "orlova@s1.example"), expiredSecondsAgo: 600);

        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task TokenForAnotherApiIsRefused()
    {
        var oid = NewObjectId();
        await app.AddMemberAsync("audience-t", "Зайцева Нина Павловна", "zaitseva@s1.example", Role.Teacher, ["s1"], oid);
        var claims = Claims(oid, "zaitseva@s1.example");
        claims["aud"] = "00000003-0000-0000-c000-000000000000"; // Microsoft Graph's id: a token meant for another API

        await AssertRefusedAsync(await app.Tenant.TokenAsync(claims));
    }

    [Fact]
    public async Task TokenFromAnotherIssuerIsRefused()
    {
        var oid = NewObjectId();
        await app.AddMemberAsync("issuer-t", "Фомина Вера Андреевна", "fomina@s1.example", Role.Teacher, ["s1"], oid);
        var claims = Claims(oid, "fomina@s1.example");
        claims["iss"] = "https://login.microsoftonline.com/0d6d1b6e-0000-4000-8000-000000000001/v2.0";
        claims["tid"] = "0d6d1b6e-0000-4000-8000-000000000001";

        await AssertRefusedAsync(await app.Tenant.TokenAsync(claims));
    }

    [Fact]
    public async Task TokenWithoutScopeOrRolesIsRefused()
    {
        // An id token or a token the page was never granted: no scp, no roles.
        var oid = NewObjectId();
        await app.AddMemberAsync("scope-t", "Лебедева Анна Олеговна", "lebedeva@s1.example", Role.Teacher, ["s1"], oid);
        var claims = Claims(oid, "lebedeva@s1.example");
        claims["scp"] = null;

        await AssertRefusedAsync(await app.Tenant.TokenAsync(claims));
    }

    private static Dictionary<string, object?> Claims(string oid, string email) =>
        new() { ["oid"] = oid, ["name"] = "Участник", ["preferred_username"] = email };

    private async Task AssertRefusedAsync(string token)
    {
        var response = await app.ClientWithToken(token).GetAsync("/api/me");
        var body = await response.AssertProblemAsync(401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Войдите", (string?)body["detail"], StringComparison.Ordinal);
    }
}
