using System.Net;
using System.Security.Cryptography;
using MethodDays.Features.Notifications;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.PracticeBank;

/// <summary>A teacher submits a practice; methodists review; the author follows its state; files go in and out whole.</summary>
public sealed class PracticeLifecycleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = Practices.Base;

    [Fact]
    public async Task ReturnedPracticeIsResubmittedAsANewVersionAndAcceptedWithTheAuthorNotified()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        Later();
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "сценарий.pdf", Practices.Pdf(50_000))).StatusCode);
        Later();
        await Practices.SubmitAsync(teacher, id);
        var methodist = app.ClientFor("methodist-n");
        Later();
        await Practices.ReviewAsync(methodist, id, "start");
        await (await methodist.PostJsonAsync($"{Base}/{id}/review", new { action = "return" })).AssertProblemAsync(400, "comment");
        Later();
        await Practices.ReviewAsync(methodist, id, "return", "Добавьте критерии оценивания к сценарию.");
        Later();

        var returned = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Equal("Returned", (string?)returned["state"]);
        Assert.True((bool)returned["can"]!["edit"]!);
        Assert.Equal("Добавьте критерии оценивания к сценарию.", (string?)returned["history"]!.AsArray().Last()!["comment"]);

        var etag = (await teacher.GetAsync($"{Base}/{id}")).Headers.ETag!.ToString();
        var edited = await teacher.PutJsonAsync($"{Base}/{id}", Practices.Input(title: "Лист самооценки с критериями"), etag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Later();
        await Practices.SubmitAsync(teacher, id);
        Later();
        await Practices.ReviewAsync(app.ClientFor("coord-n"), id, "accept");

        var accepted = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Equal("Accepted", (string?)accepted["state"]);
        Assert.Equal(2, (int)accepted["version"]!);
        Assert.False((bool)accepted["can"]!["edit"]!);
        Assert.Equal(
            ["created", "file-added", "submitted", "review-started", "returned", "resubmitted", "accepted"],
            accepted["history"]!.AsArray().Select(h => (string)h!["action"]!).ToArray());

        var notices = (await Notices.DrainAsync(app)).Where(n => n.PersonId == "teacher-s1" && n.Kind == NotificationKind.Review).Select(n => n.Subject).ToList();
        Assert.Contains("Практика «Лист самооценки на уроке математики» возвращена на доработку", notices);
        Assert.Contains("Практика «Лист самооценки с критериями» принята в банк", notices);
    }

    /// <summary>Each step a minute later, as people work: history orders by time.</summary>
    private void Later() => app.Clock.Advance(TimeSpan.FromMinutes(1));

    [Fact]
    public async Task UploadResumesAfterADroppedConnectionAndTheFileComesBackWholeAndInRanges()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var video = Practices.Mp4((2 * Practices.Block) + 123_457);
        var start = await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "урок.mp4", size = video.Length })).ReadJsonAsync();
        var uploadId = (string)start["id"]!;
        Assert.Equal(3, (int)start["blockCount"]!);

        // The line drops after the first and last blocks.
        Assert.True((await Practices.SendBlockAsync(teacher, id, uploadId, 0, video)).IsSuccessStatusCode);
        Assert.True((await Practices.SendBlockAsync(teacher, id, uploadId, 2, video)).IsSuccessStatusCode);
        var status = await (await teacher.GetAsync($"{Base}/{id}/uploads/{uploadId}")).ReadJsonAsync();
        Assert.Equal([0, 2], status["received"]!.AsArray().Select(n => (int)n!).ToArray());
        var early = await teacher.PostAsync($"{Base}/{id}/uploads/{uploadId}/complete", null);
        Assert.Contains("нет частей 1", (string?)(await early.AssertProblemAsync(400, "blocks"))["errors"]!["blocks"]![0]);

        Assert.True((await Practices.SendBlockAsync(teacher, id, uploadId, 1, video)).IsSuccessStatusCode);
        var done = await (await teacher.PostAsync($"{Base}/{id}/uploads/{uploadId}/complete", null)).ReadJsonAsync();
        var fileId = (string)done["file"]!["id"]!;
        Assert.Equal("video", (string?)done["file"]!["kind"]);
        // A retried completion answers the same file and attaches nothing twice.
        Assert.Equal(fileId, (string?)(await (await teacher.PostAsync($"{Base}/{id}/uploads/{uploadId}/complete", null)).ReadJsonAsync())["file"]!["id"]);
        Assert.Single((await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync())["files"]!.AsArray());

        var whole = await teacher.GetByteArrayAsync($"{Base}/{id}/files/{fileId}");
        Assert.Equal(SHA256.HashData(video), SHA256.HashData(whole));
        using var range = new HttpRequestMessage(HttpMethod.Get, $"{Base}/{id}/files/{fileId}");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(Practices.Block, Practices.Block + 99);
        var partial = await teacher.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(video.AsSpan(Practices.Block, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FileNamesAreSanitisedAndMarkupInTitlesIsKeptAsText()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher, Practices.Input(title: "<script>alert('x')</script> Урок «Дроби»"));
        var done = await (await Practices.UploadAsync(teacher, id, "../../etc/отчёт<img src=x>.png", Practices.Png(1000))).ReadJsonAsync();
        Assert.Equal("отчёт_img src=x_.png", (string?)done["file"]!["name"]);
        var practice = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Equal("<script>alert('x')</script> Урок «Дроби»", (string?)practice["title"]);

        var download = await teacher.GetAsync($"{Base}/{id}/files/{(string)done["file"]!["id"]!}?download=true");
        Assert.Equal("отчёт_img src=x_.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task StaleEditIsAConflictAndTheFirstEditStays()
    {
        // The author's draft open in two tabs: the second save from the older version must not overwrite the first.
        var teacher = app.ClientFor("teacher-s1");
        var otherTab = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var etag = (await teacher.GetAsync($"{Base}/{id}")).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await otherTab.PutJsonAsync($"{Base}/{id}", Practices.Input(title: "Правка в другой вкладке"), etag)).StatusCode);
        await (await teacher.PutJsonAsync($"{Base}/{id}", Practices.Input(title: "Правка автора"), etag)).AssertProblemAsync(409);
        await (await teacher.PutJsonAsync($"{Base}/{id}", Practices.Input(title: "Без версии"))).AssertProblemAsync(428);
        Assert.Equal("Правка в другой вкладке", (string?)(await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync())["title"]);
    }

    [Fact]
    public async Task SomeoneElsesPracticeIsOutOfReachUntilItIsInTheBank()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        await (await app.ClientFor("admin-s2").GetAsync($"{Base}/{id}")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").PutJsonAsync($"{Base}/{id}", Practices.Input(), "*")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "a.pdf", size = 10 })).AssertProblemAsync(403);
        await (await teacher.PostJsonAsync($"{Base}/{id}/review", new { action = "accept" })).AssertProblemAsync(403);

        // A draft is the author's alone; once sent, the school's curator reads it.
        await (await app.ClientFor("curator-n").GetAsync($"{Base}/{id}")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").GetAsync($"{Base}/{id}")).AssertProblemAsync(403);
        await Practices.SubmitAsync(teacher, id);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("curator-n").GetAsync($"{Base}/{id}")).StatusCode);

        var accepted = await Practices.AcceptedAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s2").GetAsync($"{Base}/{accepted}")).StatusCode);
        await (await app.ClientFor("coord-s").GetAsync($"{Base}/{accepted}")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").PutJsonAsync($"{Base}/{accepted}", Practices.Input(), "*")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CompetencesAreKeptOnThePracticeAndAnUnknownOneIsRefusedInRussian()
    {
        var teacher = app.ClientFor("teacher-s1");
        var options = await (await teacher.GetAsync("/api/practice-options")).ReadJsonAsync();
        Assert.Equal(["предметная", "методическая", "цифровая", "коммуникативная", "психолого-педагогическая"],
            options["competences"]!.AsArray().Select(c => (string)c!["label"]!).ToArray());

        var id = await Practices.CreateAsync(teacher, Practices.Input("Цифровой дневник наблюдений", competences: ["digital", "methodical", "digital"]));
        var read = await teacher.GetAsync($"{Base}/{id}");
        var view = await read.ReadJsonAsync();
        Assert.Equal(["methodical", "digital"], view["competences"]!.AsArray().Select(c => (string)c!).ToArray());

        var bad = await (await teacher.PutJsonAsync($"{Base}/{id}", Practices.Input("Цифровой дневник наблюдений", competences: ["digital", "астрологическая"]),
            read.Headers.ETag!.ToString())).AssertProblemAsync(400, "competences.1");
        Assert.Contains("психолого-педагогическая", (string?)bad["errors"]!["competences.1"]![0]);
        var kept = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Equal(["methodical", "digital"], kept["competences"]!.AsArray().Select(c => (string)c!).ToArray());

        // A practice saved without them (as every one before competences were kept) has none.
        var plain = await Practices.CreateAsync(teacher, new { title = "Без компетенций", description = "Практика, сохранённая без компетенций.", subject = "Математика",
            grades = new[] { 5 }, kind = "Other", authors = new[] { "Орлова Юлия Владимировна" }, links = Array.Empty<object>(), indicators = Array.Empty<string>() });
        Assert.Empty((await (await teacher.GetAsync($"{Base}/{plain}")).ReadJsonAsync())["competences"]!.AsArray());
    }

    [Fact]
    public async Task BadMetadataIsNamedFieldByField()
    {
        var teacher = app.ClientFor("teacher-s1");
        var response = await teacher.PostJsonAsync(Base, new
        {
            title = "Ур",
            description = "Коротко",
            subject = "Астрология",
            grades = new[] { 0, 12 },
            kind = "Poem",
            authors = Array.Empty<string>(),
            links = new[] { new { title = "ссылка", url = "ftp://files/x" } },
            indicators = new[] { "9.9.9" },
            topicWeek = "2026-W30",
        });
        await response.AssertProblemAsync(400);
        var fine = await teacher.PostJsonAsync(Base, new
        {
            title = "Ур",
            description = "Коротко",
            subject = "Астрология",
            grades = new[] { 0, 12 },
            kind = "Other",
            authors = Array.Empty<string>(),
            links = new[] { new { title = "ссылка", url = "ftp://files/x" } },
            indicators = new[] { "9.9.9" },
            topicWeek = "2026-W30",
        });
        await fine.AssertProblemAsync(400, "title", "description", "subject", "grades", "authors", "links[0].url", "indicators", "topicWeek");
        Assert.Equal(0, (int)(await (await teacher.GetAsync(Base + "?q=Астрология")).ReadJsonAsync())["total"]!);
    }

    [Fact]
    public async Task PracticeNeedsAFileOrALinkBeforeItIsSubmitted()
    {
        var teacher = app.ClientFor("teacher-s1");
        var input = new
        {
            title = "Практика без материалов",
            description = "Описание практики без файлов и ссылок.",
            subject = "История",
            grades = new[] { 7 },
            kind = "PracticeDescription",
            authors = new[] { "Педагог Первой" },
        };
        var id = await Practices.CreateAsync(teacher, input);
        await (await teacher.PostAsync($"{Base}/{id}/submit", null)).AssertProblemAsync(400, "files");
    }
}
