using MethodDays.Features.People;
using MethodDays.Tests.Browser;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Auth;

/// <summary>
/// The sign-in production uses, through the page: MSAL sends the browser to the tenant, comes back with a code,
/// takes the token and the app shows the person's own data; someone the coordinator has not added is told so.
/// </summary>
public sealed class EntraSignInJourneyTests(EntraAppFactory app) : BrowserTest, IClassFixture<EntraAppFactory>
{
    /// <summary>To the tenant and back, the code exchanged, the app started again: several page loads on a busy machine.</summary>
    private const float RoundTrip = 30_000;

    [Fact]
    public async Task SchoolAdminSignsInAtTheTenantAndSeesTheirSchool()
    {
        var oid = Guid.NewGuid().ToString();
        await app.AddMemberAsync("belova-as", "Белова Анна Сергеевна", "belova@s1.example", Role.SchoolAdmin, ["s1"], oid);
        await app.Tenant.SignsInNextAsync(oid, "Анна Белова", "belova@s1.example");
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        var authorize = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync(),
            r => r.Url.StartsWith($"{app.Tenant.Instance}{OidcTenant.TenantId}/oauth2/v2.0/authorize?", StringComparison.Ordinal));

        // The page went to the tenant's authorize endpoint as the page's registration, for the API's scope, with PKCE.
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorize.Url).Query);
        Assert.Equal(OidcTenant.SpaClientId, query["client_id"]);
        Assert.Contains(OidcTenant.ApiScope, query["scope"]!.Split(' '));
        Assert.Equal("S256", query["code_challenge_method"]);

        // Back from the tenant: MSAL exchanged the code, the API accepted the token and found her by object id.
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Белова Анна Сергеевна", new() { Timeout = RoundTrip });
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Администрация школы");
        await Expect(page.Locator("#municipality-name")).ToHaveTextAsync("Северный муниципальный район");
        await Expect(page.GetByText("Первая ООШ").First).ToBeVisibleAsync();
        Assert.StartsWith(app.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneNotAddedByTheCoordinatorIsToldSoAfterSigningIn()
    {
        await app.Tenant.SignsInNextAsync(Guid.NewGuid().ToString(), "Случайный Гость", "guest@elsewhere.example");
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();

        var main = page.Locator("#main");
        await Expect(main.GetByText("Нет доступа")).ToBeVisibleAsync(new() { Timeout = RoundTrip });
        await Expect(main).ToContainTextAsync("Вы вошли, но не добавлены в MethodDays (или доступ закрыт). Обратитесь к муниципальному координатору.");
        await Expect(main).Not.ToContainTextAsync("{");
        await Expect(page.Locator("#who")).ToBeHiddenAsync();
    }

    /// <summary>A phone-sized page that accepts the local tenant's self-signed certificate.</summary>
    private async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "ru-RU",
            TimezoneId = "Asia/Omsk",
            IgnoreHTTPSErrors = true,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }
}
