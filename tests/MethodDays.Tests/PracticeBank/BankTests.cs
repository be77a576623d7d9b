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

/// <summary>Finding practices, the coordinator's zip export, cleanup of abandoned uploads, suggestions on the sheet.</summary>
public sealed class BankTests : IAsyncLifetime
{
    private const string Base = Practices.Base;
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SearchFindsWordsInAnyFormAndFiltersNarrowTheBank()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(_app, "coord-n", "north", "2026-W47", publish: "Now");
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Формирующее оценивание в 5 классе", topicWeek: "2026-W47"));
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Приёмы работы со слабоуспевающими", subject: "Русский язык", grades: [8, 9], kind: "MasterClass"));
        var draft = await Practices.CreateAsync(_app.ClientFor("teacher-s1"), Practices.Input(title: "Черновик об оценивании"));

        var other = _app.ClientFor("admin-s2");
        var found = await (await other.GetAsync(Base + "?q=" + Uri.EscapeDataString("оцениванию"))).ReadJsonAsync();
        Assert.Equal(["Формирующее оценивание в 5 классе"], found["items"]!.AsArray().Select(i => (string)i!["title"]!).ToArray());
        var byAuthor = await (await other.GetAsync(Base + "?q=" + Uri.EscapeDataString("Орлова"))).ReadJsonAsync();
        Assert.Equal(2, (int)byAuthor["total"]!);
        Assert.Equal(1, (int)(await (await other.GetAsync(Base + "?grade=9&kind=MasterClass")).ReadJsonAsync())["total"]!);
        Assert.Equal(1, (int)(await (await other.GetAsync(Base + "?topic=2026-W47")).ReadJsonAsync())["total"]!);
        Assert.Equal(0, (int)(await (await other.GetAsync(Base + "?subject=" + Uri.EscapeDataString("История"))).ReadJsonAsync())["total"]!);

        // The draft is its author's, found only among their drafts; the bank itself holds accepted practices.
        var author = _app.ClientFor("teacher-s1");
        var bank = await (await author.GetAsync(Base + "?q=" + Uri.EscapeDataString("оценивание"))).ReadJsonAsync();
        Assert.DoesNotContain(bank["items"]!.AsArray(), i => (string?)i!["id"] == draft);
        var drafts = await (await author.GetAsync(Base + "?state=Draft&q=" + Uri.EscapeDataString("оценивание"))).ReadJsonAsync();
        Assert.Contains(drafts["items"]!.AsArray(), i => (string?)i!["id"] == draft);
    }

    [Fact]
    public async Task CoordinatorDownloadsTheBankAsAZipWithFoldersCatalogueAndIndex()
    {
        var a = await Practices.AcceptedAsync(_app, Practices.Input(title: "Лист самооценки <и> критерии"));
        await Practices.AcceptedAsync(_app, Practices.Input(title: "Мастер-класс по ПУУД", kind: "MasterClass", subject: "Биология", grades: [7]));
        await Practices.CreateAsync(_app.ClientFor("teacher-s1"), Practices.Input(title: "Не принята — в выгрузку не попадает"));

        var coordinator = _app.ClientFor("coord-n");
        var started = await coordinator.PostJsonAsync("/api/municipalities/north/practice-exports", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (string)(await started.ReadJsonAsync())["id"]!;
        await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}/zip")).AssertProblemAsync(409);

        // The queued job, as the Functions host would run it.
        var message = JsonSerializer.Serialize(JsonSerializer.Serialize(new ExportMessage("north", jobId), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var outcome = await _app.Service<FunctionInvoker>().InvokeAsync(ExportFunction.Name,
            new InvocationRequest { Data = new() { ["message"] = JsonDocument.Parse(message).RootElement } }, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Response.Logs));

        var status = await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}")).ReadJsonAsync();
        Assert.Equal("done", (string?)status["state"]);
        Assert.Equal(2, (int)status["total"]!);
        Assert.Equal(2, (int)status["done"]!);

        var zipBytes = await coordinator.GetByteArrayAsync((string)status["downloadUrl"]!);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("catalogue.xlsx", names);
        Assert.Contains("index.html", names);
        Assert.Equal(2, names.Count(n => n.EndsWith("/сценарий урока.pdf", StringComparison.Ordinal)));
        Assert.DoesNotContain(names, n => n.Contains("Не принята", StringComparison.Ordinal));
        using (var index = new StreamReader(zip.GetEntry("index.html")!.Open()))
        {
            var html = await index.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Contains("Лист самооценки &lt;и&gt; критерии", html);
            Assert.Contains(Uri.EscapeDataString("сценарий урока.pdf"), html);
        }

        using var catalogue = new MemoryStream();
        await using (var entry = zip.GetEntry("catalogue.xlsx")!.Open())
        {
            await entry.CopyToAsync(catalogue, TestContext.Current.CancellationToken);
        }

        catalogue.Position = 0;
        var cells = Workbook.ReadCells(catalogue, "Каталог");
        Assert.Equal("Название", cells["C2"]);
        Assert.Contains(new[] { cells["C3"], cells["C4"] }, t => t == "Мастер-класс по ПУУД");
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor("admin-s1").GetAsync($"{Base}/{a}")).StatusCode);
        await (await _app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/practice-exports", new { })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task AbandonedUploadIsCleanedUpByTheTimer()
    {
        var teacher = _app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var content = Practices.Pdf(5000);
        var start = await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "брошено.pdf", size = content.Length })).ReadJsonAsync();
        var uploadId = (string)start["id"]!;
        await Practices.SendBlockAsync(teacher, id, uploadId, 0, content);

        _app.Clock.Advance(TimeSpan.FromDays(2));
        var outcome = await _app.Service<FunctionInvoker>().InvokeAsync(CleanupTimer.Name, new InvocationRequest(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded);
        await (await teacher.GetAsync($"{Base}/{id}/uploads/{uploadId}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task WeakIndicatorsOfTheSchoolListMatchingPractices()
    {
        var template = _app.Service<SheetTemplates>().Current;
        var admin = _app.ClientFor("admin-s1");
        foreach (var month in new[] { "2026-10", "2026-11" })
        {
            var values = Sheets.Full(template, "2");
            values["1.2.2"] = "0"; // Lesson Study not introduced, two months running
            Assert.True((await admin.PostJsonAsync(Sheets.Url("s1", month) + "/submit", new { values })).IsSuccessStatusCode);
        }

        await Practices.AcceptedAsync(_app, Practices.Input(title: "Lesson Study в малой школе", indicators: ["1.2.2"]), author: "admin-s2");
        var weak = await (await admin.GetAsync(Sheets.Url("s1", "2026-11") + "/practice-suggestions")).ReadJsonAsync();
        var only = Assert.Single(weak["indicators"]!.AsArray())!;
        Assert.Equal("1.2.2", (string?)only["id"]);
        Assert.Equal("Lesson Study в малой школе", (string?)only["practices"]![0]!["title"]);
    }
}
