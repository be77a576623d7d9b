using System.Net;
using System.Reflection;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Platform;

/// <summary>What every client sees regardless of feature: the API description, headers, errors.</summary>
public sealed class PlatformTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task OpenApiDescribesTheApiForRegionalSystems()
    {
        var response = await app.AnonymousClient().GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ReadJsonAsync();
        Assert.Equal("MethodDays API", (string?)doc["info"]!["title"]);
        var paths = doc["paths"]!.AsObject();
        var submit = paths["/api/municipalities/{municipalityId}/schools/{schoolId}/self-assessment/{month}/submit"]!;
        Assert.Equal("Отправить лист (новая редакция)", (string?)submit["post"]!["summary"]);
        Assert.NotNull(paths["/api/municipalities/{municipalityId}/self-assessment/{month}/summary"]);
        Assert.Equal("bearer", (string?)doc["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.DoesNotContain(paths, p => p.Key == "/{functionName}");
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        var client = app.ClientFor("admin-s1");
        foreach (var url in new[] { "/api/me", "/api/config", "/api/nothing-here", "/" })
        {
            var response = await client.GetAsync(url);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task AnswersCarryRussianTextAsUtf8NotEscapes()
    {
        var response = await app.ClientFor("admin-s1").GetAsync("/api/self-assessment/templates/current");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Three times fewer bytes for every Cyrillic letter on a slow line.
        Assert.DoesNotContain("\\u04", body, StringComparison.Ordinal);
        Assert.Matches("[А-Яа-я]{5}", body);
    }

    [Fact]
    public async Task UnknownApiAddressIsAProblemNotThePage()
    {
        var response = await app.ClientFor("admin-s1").GetAsync("/api/nothing-here");
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task SignInSettingsAreOpenToThePage()
    {
        var config = await (await app.AnonymousClient().GetAsync("/api/config")).ReadJsonAsync();
        Assert.Equal("development", (string?)config["authMode"]);
    }

    [Fact]
    public async Task DevelopmentSignInGivesATokenForADemoPerson()
    {
        var client = app.AnonymousClient();
        var people = await (await client.GetAsync("/api/dev/people")).ReadJsonAsync();
        Assert.Contains(people.AsArray(), p => (string?)p!["personId"] == "admin-s1");
        var signIn = await client.PostJsonAsync("/api/dev/sign-in", new { municipalityId = TestWorld.North, personId = "admin-s1" });
        var answer = await signIn.ReadJsonAsync();
        var token = (string?)answer["accessToken"];
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await (await client.GetAsync("/api/me")).ReadJsonAsync();
        Assert.Equal("admin-s1", (string?)me["member"]!["personId"]);
        // The sign-in answer names whose sheet the page will open as /api/me does, so the page can ask for it at once.
        Assert.Equal((string?)me["member"]!["role"], (string?)answer["me"]!["member"]!["role"]);
        Assert.Equal(me["member"]!["schoolIds"]!.AsArray().Select(s => (string?)s), answer["me"]!["member"]!["schoolIds"]!.AsArray().Select(s => (string?)s));
        Assert.Equal((string?)me["municipality"]!["id"], (string?)answer["me"]!["municipality"]!["id"]);
        Assert.Equal((string?)me["municipality"]!["timeZone"], (string?)answer["me"]!["municipality"]!["timeZone"]);

        await (await app.AnonymousClient().PostJsonAsync("/api/dev/sign-in", new { municipalityId = TestWorld.North, personId = "nobody" })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task HealthProbesTheStorageTheFeaturesDeclared()
    {
        var health = await app.AnonymousClient().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var checks = (await health.ReadJsonAsync())["checks"]!.AsArray();
        Assert.Equal(["blobs", "queues", "tables"], checks.Select(c => (string)c!["name"]!).Order().ToArray());
        Assert.All(checks, c => Assert.True((bool)c!["ok"]!));
    }

    [Fact]
    public void PlatformCodeNamesNoFeature()
    {
        var platform = RepoPaths.Combine("functions", "MethodDays.Functions", "Platform");
        var offenders = Directory.EnumerateFiles(platform, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("MethodDays.Features", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(platform, f));
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryMemberRouteListsTheProblemsItAnswers()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Namespace?.StartsWith("MethodDays.Features.", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<MethodDays.Features.People.RequiresMemberMetadata>() is not null)
            // A route that names no record (the member's own page, the template list) refuses no member.
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .ToList();
        Assert.True(routes.Count > 60, $"only {routes.Count} member routes found");
        var silent = routes
            .Where(e => !e.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Any(m => m.StatusCode is 403 or 404 && m.ContentTypes.Contains("application/problem+json")))
            .Select(e => e.RoutePattern.RawText);
        Assert.Empty(silent);
    }

    [Fact]
    public async Task OpenApiListsEachOperationsErrorAnswersSeparately()
    {
        var doc = await (await app.AnonymousClient().GetAsync("/api/openapi.json")).ReadJsonAsync();
        var paths = doc["paths"]!.AsObject();
        var submit = paths["/api/municipalities/{municipalityId}/schools/{schoolId}/self-assessment/{month}/submit"]!["post"]!["responses"]!.AsObject();
        foreach (var status in new[] { "200", "400", "403", "404", "409" })
        {
            Assert.True(submit.ContainsKey(status), $"submit lists no {status}");
        }

        Assert.NotNull(submit["409"]!["content"]!["application/problem+json"]);
        var history = paths["/api/municipalities/{municipalityId}/schools/{schoolId}/self-assessment"]!["get"]!["responses"]!.AsObject();
        Assert.True(history.ContainsKey("403") && history.ContainsKey("404"));
        Assert.False(history.ContainsKey("409"), "reading a history cannot conflict");
    }
}
