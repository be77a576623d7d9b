using System.Net;
using System.Text;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Security;

/// <summary>
/// Generated from the app's endpoint list: every endpoint × every role × a resource of another municipality and of
/// another school. A new endpoint is covered the moment it is mapped, and fails here if it lets anyone through.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] NorthRoles = ["coord-n", "methodist-n", "curator-n", "admin-s1", "teacher-s1"];

    [Fact]
    public void EveryEndpointRequiresASignedInMemberUnlessItIsOpenOnPurpose()
    {
        var open = Endpoints.All(app).Where(e => !e.RequiresMember && !e.Template.StartsWith("/{functionName}", StringComparison.Ordinal)).Select(e => e.Name).Distinct().Order();
        Assert.Equal(Endpoints.Anonymous.Order(), open);
    }

    [Fact]
    public async Task NotSignedInGetsUnauthorizedEverywhere()
    {
        foreach (var api in Endpoints.All(app).Where(e => e.RequiresMember))
        {
            var response = await SendAsync(app.AnonymousClient(), api, Endpoints.Url(api, TestWorld.North, "s1"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{api.Method} {api.Template} answered {(int)response.StatusCode} without sign-in");
        }
    }

    [Fact]
    public async Task NoRoleReachesAnotherMunicipality()
    {
        var failures = new List<string>();
        foreach (var role in NorthRoles)
        {
            var client = app.ClientFor(role);
            foreach (var api in Endpoints.All(app).Where(e => e.RequiresMember && e.Template.Contains("{municipalityId}", StringComparison.Ordinal)))
            {
                var response = await SendAsync(client, api, Endpoints.Url(api, TestWorld.South, "t1"));
                if (!Refused(api, response, allowNotFound: false))
                {
                    failures.Add($"{role}: {api.Method} {api.Template} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task SchoolStaffAndCuratorsDoNotReachASchoolThatIsNotTheirs()
    {
        var failures = new List<string>();
        // s3 is neither admin-s1's / teacher-s1's school nor assigned to curator-n.
        foreach (var role in new[] { "curator-n", "admin-s1", "teacher-s1" })
        {
            var client = app.ClientFor(role);
            foreach (var api in Endpoints.All(app).Where(e => e.RequiresMember && e.Template.Contains("{schoolId}", StringComparison.Ordinal)))
            {
                var response = await SendAsync(client, api, Endpoints.Url(api, TestWorld.North, "s3"));
                if (!Refused(api, response, allowNotFound: true))
                {
                    failures.Add($"{role}: {api.Method} {api.Template} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>Refused: never a success and never a server error; a read is 403 (or 404 where nothing exists).</summary>
    private static bool Refused(Endpoints.Api api, HttpResponseMessage response, bool allowNotFound)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300 or >= 500)
        {
            return false;
        }

        return api.Method != "GET" || code == 403 || (allowNotFound && code == 404);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoints.Api api, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(api.Method), url);
        if (api.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2026-01-01T00%3A00%3A00Z'\"");
        }

        return client.SendAsync(request);
    }
}
