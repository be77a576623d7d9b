using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.PracticeBank;

/// <summary>
/// The bank as people meet it: what the list counts, which schools the filter offers, which suggestions the sheet
/// shows, and the names of what they download.
/// </summary>
public sealed class BankInUseTests : IAsyncLifetime
{
    private const string Base = Practices.Base;
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ReviewersBankShowsAcceptedPracticesAndTheQueueOnlyWhenAskedAndNobodySeesAnothersDraft()
    {
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Принятая первая"));
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Принятая вторая"), author: "admin-s2");
        var teacher = _app.ClientFor("teacher-s1");
        var sent = await Practices.CreateAsync(teacher, Practices.Input(title: "Отправленная на рассмотрение"));
        await Practices.SubmitAsync(teacher, sent);
        var draft = await Practices.CreateAsync(teacher, Practices.Input(title: "Черновик педагога"));

        foreach (var reviewer in new[] { "methodist-n", "coord-n" })
        {
            var client = _app.ClientFor(reviewer);
            var bank = await (await client.GetAsync(Base)).ReadJsonAsync();
            Assert.Equal(2, (int)bank["total"]!);
            Assert.All(bank["items"]!.AsArray(), i => Assert.Equal("Accepted", (string?)i!["state"]));

            // The review queue is one filter away: sent and under review, never a draft.
            var queue = await (await client.GetAsync(Base + "?state=Review")).ReadJsonAsync();
            Assert.Equal([sent], queue["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray());
            Assert.Equal(0, (int)(await (await client.GetAsync(Base + "?state=Draft")).ReadJsonAsync())["total"]!);
            await (await client.GetAsync($"{Base}/{draft}")).AssertProblemAsync(403);
        }

        // The author's own school admin does not see it either; the author does, when asking for drafts.
        var admin = _app.ClientFor("admin-s1");
        Assert.Equal(0, (int)(await (await admin.GetAsync(Base + "?state=Draft")).ReadJsonAsync())["total"]!);
        await (await admin.GetAsync($"{Base}/{draft}")).AssertProblemAsync(403);
        Assert.Equal(2, (int)(await (await teacher.GetAsync(Base)).ReadJsonAsync())["total"]!);
        var mine = await (await teacher.GetAsync(Base + "?state=Draft")).ReadJsonAsync();
        Assert.Equal([draft], mine["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray());

        await (await admin.GetAsync(Base + "?state=Somewhere")).AssertProblemAsync(400, "state");
    }

    [Fact]
    public async Task TeachersSchoolFilterOffersEverySchoolWhosePracticesTheySee()
    {
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Практика Первой"));
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Практика Второй"), author: "admin-s2");
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Практика Третьей"), author: "admin-s3");

        var teacher = _app.ClientFor("teacher-s1");
        var bank = await (await teacher.GetAsync(Base)).ReadJsonAsync();
        Assert.Equal(3, (int)bank["total"]!);
        var options = bank["schools"]!.AsArray().Select(s => ((string)s!["id"]!, (string)s["name"]!)).ToArray();
        Assert.Equal([("s2", "Вторая СОШ"), ("s1", "Первая ООШ"), ("s3", "Третья СОШ")], options);

        var second = await (await teacher.GetAsync(Base + "?school=s2")).ReadJsonAsync();
        Assert.Equal(["Практика Второй"], second["items"]!.AsArray().Select(i => (string)i!["title"]!).ToArray());
    }

    [Fact]
    public async Task SuggestionsListOnlyIndicatorsWithPracticesAndSayTheRuleIsMethodDaysOwn()
    {
        var template = _app.Service<SheetTemplates>().Current;
        var other = template.Indicators.Select(i => i.Id).First(id => id != "1.2.2");
        foreach (var school in new[] { "s1", "s2" })
        {
            foreach (var month in new[] { "2026-10", "2026-11" })
            {
                var values = Sheets.Full(template, "2");
                values["1.2.2"] = "0";
                values[other] = "0";
                var submitted = await _app.ClientFor($"admin-{school}").PostJsonAsync(Sheets.Url(school, month) + "/submit", new { values });
                Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
            }
        }

        var url = Sheets.Url("s1", "2026-11") + "/practice-suggestions";
        var nothing = await (await _app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync();
        Assert.Empty(nothing["indicators"]!.AsArray());
        Assert.Equal(2, (int)nothing["weakCount"]!);
        Assert.Contains("пока нет", (string?)nothing["noneFound"]);

        await Practices.AcceptedAsync(_app, Practices.Input(title: "Lesson Study в малой школе", indicators: ["1.2.2"]), author: "admin-s3");
        var weak = await (await _app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync();
        var only = Assert.Single(weak["indicators"]!.AsArray())!;
        Assert.Equal("1.2.2", (string?)only["id"]);
        Assert.Equal("Lesson Study в малой школе", (string?)only["practices"]![0]!["title"]);
        Assert.Null((string?)weak["noneFound"]);
        Assert.Equal(
            "Правило MethodDays, а не документов программы: показатель считается слабым, если два месяца подряд оценён на 0. В документах порога для «слабого» показателя нет.",
            (string?)weak["ruleNote"]);
    }

    [Fact]
    public async Task ExportIsNamedWithTheMunicipalitysNameAndLocalDateAndItsFoldersReadInRussian()
    {
        // 22:00 UTC on 6 December is 04:00 on 7 December in Omsk (UTC+6), where the coordinator works.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(_app, "coord-n", "north", "2026-W50", publish: "Now", title: "Обратная связь на уроке");
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Карточки обратной связи", topicWeek: "2026-W50"));

        var coordinator = _app.ClientFor("coord-n");
        var started = await coordinator.PostJsonAsync("/api/municipalities/north/practice-exports", new { });
        var jobId = (string)(await started.ReadJsonAsync())["id"]!;
        var message = JsonSerializer.Serialize(JsonSerializer.Serialize(new ExportMessage("north", jobId), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var outcome = await _app.Service<FunctionInvoker>().InvokeAsync(ExportFunction.Name,
            new InvocationRequest { Data = new() { ["message"] = JsonDocument.Parse(message).RootElement } }, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Response.Logs));

        const string Expected = "Банк практик — Северный муниципальный район — 7 декабря 2026.zip";
        var status = await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}")).ReadJsonAsync();
        Assert.Equal(Expected, (string?)status["fileName"]);
        var download = await coordinator.GetAsync((string)status["downloadUrl"]!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(Expected, disposition.FileNameStar);
        Assert.Equal("Bank praktik - Severnyy munitsipalnyy rayon - 7 dekabrya 2026.zip", disposition.FileName);

        // The signed link (what the page's download button opens) answers with the same name.
        var link = await (await coordinator.PostAsync($"/api/municipalities/north/practice-exports/{jobId}/link", null)).ReadJsonAsync();
        var linked = await _app.AnonymousClient().GetAsync((string)link["url"]!);
        Assert.Equal(Expected, linked.Content.Headers.ContentDisposition?.FileNameStar);

        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var folders = zip.Entries.Select(e => e.FullName).Where(n => n.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(folders);
        Assert.All(folders, n => Assert.StartsWith("Неделя 7–13 декабря 2026 — Обратная связь на уроке/", n));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("2026-W", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileOpenedInlineByItsSignedLinkCarriesItsRealName()
    {
        var teacher = _app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var file = await (await Practices.UploadAsync(teacher, id, "Сценарий урока (5 класс).pdf", Practices.Pdf(8000))).ReadJsonAsync();
        var fileId = (string)file["file"]!["id"]!;

        var link = await (await teacher.PostAsync($"{Base}/{id}/files/{fileId}/link", null)).ReadJsonAsync();
        var opened = await _app.AnonymousClient().GetAsync((string)link["url"]!);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("application/pdf", opened.Content.Headers.ContentType?.MediaType);
        var disposition = opened.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("Сценарий урока (5 класс).pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("Сценарий урока (5 класс).pdf"), opened.Content.Headers.GetValues("Content-Disposition").Single());

        var saved = await _app.AnonymousClient().GetAsync((string)link["url"]! + "?download=true");
        Assert.Equal("attachment", saved.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Сценарий урока (5 класс).pdf", saved.Content.Headers.ContentDisposition?.FileNameStar);
    }
}
