using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Security;

/// <summary>Personal answers are never kept by a browser, a proxy or a shared school computer.</summary>
public sealed class ApiCachingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task PersonalAnswersAndRefusalsSayNoStore()
    {
        var me = await app.ClientFor("admin-s1").GetAsync("/api/me");
        Assert.True(me.IsSuccessStatusCode);
        Assert.True(me.Headers.CacheControl?.NoStore, "GET /api/me may be stored");

        var feed = await app.ClientFor("teacher-s1").GetAsync("/api/feed");
        Assert.True(feed.Headers.CacheControl?.NoStore, "GET /api/feed may be stored");

        var refused = await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/schools/s3/self-assessment/2026-10");
        await refused.AssertProblemAsync(403);
        Assert.True(refused.Headers.CacheControl?.NoStore, "a refusal may be stored");

        var anonymous = await app.AnonymousClient().GetAsync("/api/me");
        Assert.True(anonymous.Headers.CacheControl?.NoStore, "a 401 may be stored");
    }

    [Fact]
    public async Task AnswersThatSayHowTheyMayBeCachedKeepTheirOwnRule()
    {
        var template = await app.ClientFor("admin-s1").GetAsync("/api/self-assessment/templates/2021.1");
        Assert.True(template.IsSuccessStatusCode);
        Assert.True(template.Headers.CacheControl?.Private);
        Assert.False(template.Headers.CacheControl?.NoStore);
        Assert.NotNull(template.Headers.CacheControl?.MaxAge);
    }
}
