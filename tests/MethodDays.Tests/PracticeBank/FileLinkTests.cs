using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.PracticeBank;

/// <summary>Two-hour signed links let a video element stream a file it could not fetch with a token.</summary>
public sealed class FileLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SignedLinkStreamsWithRangesUntilItExpiresAndCannotBeForged()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var video = Practices.Mp4(300_000);
        var fileId = (string)(await (await Practices.UploadAsync(teacher, id, "урок.mp4", video)).ReadJsonAsync())["file"]!["id"]!;

        var link = await (await teacher.PostAsync($"{Practices.Base}/{id}/files/{fileId}/link", null)).ReadJsonAsync();
        var url = (string)link["url"]!;
        using var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1000, 1999);
        var partial = await app.AnonymousClient().SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(video.AsSpan(1000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());

        var forged = url[..^3] + (url[^3] == 'A' ? "B" : "A") + url[^2..];
        await (await app.AnonymousClient().GetAsync(forged)).AssertProblemAsync(404);
        await (await app.ClientFor("admin-s2").PostAsync($"{Practices.Base}/{id}/files/{fileId}/link", null)).AssertProblemAsync(403);

        app.Clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)));
        await (await app.AnonymousClient().GetAsync(url)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CancelledUploadFreesItsSessionAtOnce()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var content = Practices.Pdf(6000);
        var uploadId = (string)(await (await teacher.PostJsonAsync($"{Practices.Base}/{id}/uploads", new { fileName = "a.pdf", size = content.Length })).ReadJsonAsync())["id"]!;
        await Practices.SendBlockAsync(teacher, id, uploadId, 0, content);
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"{Practices.Base}/{id}/uploads/{uploadId}")).StatusCode);
        await (await teacher.GetAsync($"{Practices.Base}/{id}/uploads/{uploadId}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task EveryMemberSeesTheSchoolNamesForFiltersButNotAnotherMunicipalitys()
    {
        var names = await (await app.ClientFor("teacher-s1").GetAsync("/api/municipalities/north/school-names")).ReadJsonAsync();
        Assert.Equal(["s1", "s2", "s3"], names.AsArray().Select(n => (string)n!["id"]!).Order().ToArray());
        await (await app.ClientFor("admin-t1").GetAsync("/api/municipalities/north/school-names")).AssertProblemAsync(403);
    }
}
