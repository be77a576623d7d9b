using System.Net;
using System.Text.Json.Nodes;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>The plan of targeted help: drawn up from the progress sheet, kept through the year, history and conflicts.</summary>
public sealed class HelpPlanTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object Item(string action, string dueDate, string? status = null, string? id = null, object? source = null, string? statusComment = null) =>
        new { id, action, responsible = "Лебедев А. В., методист ЦРО", dueDate, status, source, notes = "По итогам листа продвижения", statusComment };

    private async Task<(JsonNode Item, string ETag)> AddAsync(string person, string school, object item)
    {
        var response = await app.ClientFor(person).PostJsonAsync(PlanUrl(school), item);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync(), response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task CuratorDrawsUpAPlanFromTheProgressSheetAndTheSchoolReadsIt()
    {
        var submitted = await (await app.ClientFor("admin-s2").PostJsonAsync(Url("s2", "2026-10") + "/submit", Complete("2026-10"))).ReadJsonAsync();
        var requestId = (string)submitted["sheet"]!["requests"]![0]!["id"]!;

        var response = await app.ClientFor("curator-n").PostJsonAsync(PlanUrl("s2"),
            Item("Практикум «Критериальное оценивание» для педагогов школы", "2026-12-10", source: new { month = "2026-10", requestId }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.ReadJsonAsync();
        var id = (string)item["id"]!;
        Assert.EndsWith($"/help-plan/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(response.Headers.ETag!.ToString(), (string?)item["eTag"]);
        Assert.Equal("planned", (string?)item["status"]);
        Assert.Equal("Запланировано", (string?)item["statusLabel"]);
        Assert.Equal("Формирующее оценивание", (string?)item["source"]!["requestTopic"]);
        var created = item["history"]!.AsArray().Single()!;
        Assert.Null((string?)created["from"]);
        Assert.Equal("planned", (string?)created["to"]);
        Assert.Equal("Куратор Северный", (string?)created["byName"]);

        var plan = await (await app.ClientFor("admin-s2").GetAsync(PlanUrl("s2"))).ReadJsonAsync();
        var listed = plan["items"]!.AsArray().Single(i => (string?)i!["id"] == id)!;
        Assert.Equal("Практикум «Критериальное оценивание» для педагогов школы", (string?)listed["action"]);
        Assert.Equal(4, plan["statuses"]!.AsArray().Count);

        // Storage: the item and its first status change, side by side in the school's range.
        var rows = await PlanRowsAsync(app, "s2");
        Assert.Single(rows, r => r.RowKey == $"s2|{id}" && r.GetString("Kind") == "item" && r.GetBoolean("Open") == true);
        Assert.Single(rows, r => r.RowKey.StartsWith($"s2|{id}|", StringComparison.Ordinal) && r.GetString("Kind") == "history");

        // An update that does not mention the source keeps the item tied to the school's request.
        var update = await app.ClientFor("curator-n").PutJsonAsync($"{PlanUrl("s2")}/{id}",
            new { action = "Практикум «Критериальное оценивание»", responsible = "Лебедев А. В.", dueDate = "2026-12-12", status = "inProgress" }, response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(requestId, (string?)(await update.ReadJsonAsync())["source"]!["requestId"]);
    }

    [Fact]
    public async Task StatusChangesAreKeptWithWhoAndWhen()
    {
        var (item, etag) = await AddAsync("curator-n", "s1", Item("Консультации по индивидуальным маршрутам", "2026-12-20"));
        var url = $"{PlanUrl("s1")}/{item["id"]}";
        var start = app.Clock.GetUtcNow();

        app.Clock.Advance(TimeSpan.FromDays(2));
        var progress = await app.ClientFor("methodist-n").PutJsonAsync(url, Item("Консультации по индивидуальным маршрутам", "2026-12-20", "inProgress"), etag);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);

        // Editing the text without touching the status leaves the history alone.
        var reworded = await app.ClientFor("methodist-n").PutJsonAsync(url, Item("Консультации по маршрутам для 7–9 классов", "2026-12-20"), progress.Headers.ETag!.ToString());
        Assert.Equal("inProgress", (string?)(await reworded.ReadJsonAsync())["status"]);

        app.Clock.Advance(TimeSpan.FromDays(5));
        var done = await app.ClientFor("coord-n").PutJsonAsync(url, Item("Консультации по маршрутам для 7–9 классов", "2026-12-20", "done", statusComment: "Проведены три консультации"), reworded.Headers.ETag!.ToString());
        var view = await done.ReadJsonAsync();
        Assert.Equal("done", (string?)view["status"]);
        var history = view["history"]!.AsArray();
        Assert.Equal(["", "planned", "inProgress"], history.Select(h => (string?)h!["from"] ?? "").ToArray());
        Assert.Equal(["planned", "inProgress", "done"], history.Select(h => (string)h!["to"]!).ToArray());
        Assert.Equal(["Куратор Северный", "Методист Северный", "Координатор Северный"], history.Select(h => (string)h!["byName"]!).ToArray());
        Assert.Equal([start, start.AddDays(2), start.AddDays(7)], history.Select(h => (DateTimeOffset)h!["at"]!).ToArray());
        Assert.Equal("Проведены три консультации", (string?)history[2]!["comment"]);
        Assert.Equal("Координатор Северный", (string?)view["updated"]!["name"]);
        Assert.Equal("Куратор Северный", (string?)view["created"]!["name"]);
    }

    [Fact]
    public async Task StaleUpdateIsAConflictWithTheCurrentItemAndNothingIsLost()
    {
        var (item, etag) = await AddAsync("curator-n", "s2", Item("Методическая сессия по смысловому чтению", "2026-12-15"));
        var url = $"{PlanUrl("s2")}/{item["id"]}";

        var first = await app.ClientFor("curator-n").PutJsonAsync(url, Item("Методическая сессия по смысловому чтению", "2026-12-15", "inProgress"), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await app.ClientFor("methodist-n").PutJsonAsync(url, Item("Сессия перенесена на январь", "2027-01-20", "cancelled"), etag);

        var problem = await second.AssertProblemAsync(409);
        Assert.Contains("Куратор Северный", (string?)problem["detail"]);
        Assert.Equal("inProgress", (string?)problem["current"]!["status"]);
        Assert.Equal(first.Headers.ETag!.ToString(), (string?)problem["current"]!["eTag"]);

        var stored = await (await app.ClientFor("coord-n").GetAsync(url)).ReadJsonAsync();
        Assert.Equal("Методическая сессия по смысловому чтению", (string?)stored["action"]);
        Assert.Equal("2026-12-15", (string?)stored["dueDate"]);
        Assert.Equal(["planned", "inProgress"], stored["history"]!.AsArray().Select(h => (string)h!["to"]!).ToArray());
    }

    [Fact]
    public async Task UpdateWithoutAnEtagIsRefused()
    {
        var (item, _) = await AddAsync("coord-n", "s1", Item("Мастер-класс педагогов школы-лидера", "2026-12-03"));
        var response = await app.ClientFor("coord-n").PutJsonAsync($"{PlanUrl("s1")}/{item["id"]}", Item("Без версии", "2026-12-03", "done"));
        var problem = await response.AssertProblemAsync(428);
        Assert.Contains("If-Match", (string?)problem["detail"]);
        Assert.Equal("planned", (string?)(await (await app.ClientFor("coord-n").GetAsync($"{PlanUrl("s1")}/{item["id"]}")).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task RetriedUpdateIsAnsweredAndRecordsOneStatusChange()
    {
        var (item, etag) = await AddAsync("curator-n", "s1", Item("Наставнический час для молодых педагогов", "2026-12-08"));
        var url = $"{PlanUrl("s1")}/{item["id"]}";
        var body = Item("Наставнический час для молодых педагогов", "2026-12-08", "inProgress");

        var first = await app.ClientFor("curator-n").PutJsonAsync(url, body, etag);
        var retry = await app.ClientFor("curator-n").PutJsonAsync(url, body, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, (await retry.ReadJsonAsync())["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task RetriedCreateWithTheSameIdMakesOneItemAndAnotherItemWithThatIdIsAConflict()
    {
        var body = Item("Интенсив по подготовке к ОГЭ", "2026-12-12", id: "9b2f6c1e-retry");
        var first = await app.ClientFor("methodist-n").PostJsonAsync(PlanUrl("s2"), body);
        var retry = await app.ClientFor("methodist-n").PostJsonAsync(PlanUrl("s2"), body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("9b2f6c1e-retry", (string?)(await retry.ReadJsonAsync())["id"]);

        var other = await app.ClientFor("methodist-n").PostJsonAsync(PlanUrl("s2"), Item("Другое мероприятие", "2026-12-12", id: "9b2f6c1e-retry"));
        var problem = await other.AssertProblemAsync(409);
        Assert.Equal("Интенсив по подготовке к ОГЭ", (string?)problem["current"]!["action"]);

        var rows = await PlanRowsAsync(app, "s2");
        Assert.Single(rows, r => r.RowKey == "s2|9b2f6c1e-retry");
        Assert.Single(rows, r => r.RowKey.StartsWith("s2|9b2f6c1e-retry|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadItemIsRefusedWithFieldNamesAndNothingIsWritten()
    {
        var coordinator = app.ClientFor("coord-n");
        var before = (await PlanRowsAsync(app, "s3")).Count;
        var response = await coordinator.PostJsonAsync(PlanUrl("s3"), new
        {
            id = "x",
            action = "",
            dueDate = "15.12.2026",
            status = "finished",
            source = new { month = "2026-13" },
            notes = new string('н', 4001),
        });
        var problem = await response.AssertProblemAsync(400, "id", "action", "responsible", "dueDate", "status", "source.month", "notes");
        Assert.Contains("ГГГГ-ММ-ДД", (string?)problem["errors"]!["dueDate"]![0]);

        // The source must be a submitted progress sheet of this school, and the request one of its requests.
        await (await coordinator.PostJsonAsync(PlanUrl("s3"), Item("Помощь", "2026-12-01", source: new { month = "2026-07" }))).AssertProblemAsync(400, "source.month");
        await app.ClientFor("admin-s3").PostJsonAsync(Url("s3", "2026-07") + "/submit", Complete("2026-07"));
        await (await coordinator.PostJsonAsync(PlanUrl("s3"), Item("Помощь", "2026-12-01", source: new { month = "2026-07", requestId = "r-none" }))).AssertProblemAsync(400, "source.requestId");
        await (await coordinator.PostJsonAsync(PlanUrl("s3"), Item("Помощь", "2026-12-01", source: new { month = "2026-12" }))).AssertProblemAsync(400, "source.month");

        Assert.Equal(before, (await PlanRowsAsync(app, "s3")).Count);
        var linkedToMonth = await coordinator.PostJsonAsync(PlanUrl("s3"), Item("Разбор листа продвижения с администрацией", "2026-12-01", source: new { month = "2026-07" }));
        Assert.Equal(HttpStatusCode.Created, linkedToMonth.StatusCode);
    }

    [Fact]
    public async Task BadUpdateIsRefusedAndTheItemStaysAsItWas()
    {
        var (item, etag) = await AddAsync("coord-n", "s1", Item("Круглый стол по итогам ВПР", "2026-12-05"));
        var url = $"{PlanUrl("s1")}/{item["id"]}";
        await (await app.ClientFor("coord-n").PutJsonAsync(url, new { action = "Круглый стол", responsible = "", dueDate = "2026-02-30" }, etag))
            .AssertProblemAsync(400, "responsible", "dueDate");
        var stored = await (await app.ClientFor("coord-n").GetAsync(url)).ReadJsonAsync();
        Assert.Equal("Круглый стол по итогам ВПР", (string?)stored["action"]);
        Assert.Equal(etag, (string?)stored["eTag"]);
    }

    [Fact]
    public async Task ItemIsReachedOnlyThroughItsOwnSchool()
    {
        var (item, etag) = await AddAsync("coord-n", "s1", Item("Практикум для учителей начальных классов", "2026-12-09"));
        await (await app.ClientFor("coord-n").GetAsync($"{PlanUrl("s2")}/{item["id"]}")).AssertProblemAsync(404);
        await (await app.ClientFor("coord-n").PutJsonAsync($"{PlanUrl("s2")}/{item["id"]}", Item("Чужой пункт", "2026-12-09"), etag)).AssertProblemAsync(404);
        Assert.DoesNotContain(await PlanRowsAsync(app, "s2"), r => r.RowKey.Contains((string)item["id"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverdueListShowsEverySchoolsItemsPastDueAndNotDone()
    {
        // Dates from today in Omsk (other tests of this class move the clock on).
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(6)).DateTime);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (lateS1, _) = await AddAsync("curator-n", "s1", Item("Посещение уроков куратором", Day(-5)));
        var (doneS1, doneEtag) = await AddAsync("curator-n", "s1", Item("Анализ листа продвижения за октябрь", Day(-5)));
        await app.ClientFor("curator-n").PutJsonAsync($"{PlanUrl("s1")}/{doneS1["id"]}", Item("Анализ листа продвижения за октябрь", Day(-5), "done"), doneEtag);
        var (futureS1, _) = await AddAsync("curator-n", "s1", Item("Мастер-класс по формирующему оцениванию", Day(5)));
        var (dueToday, _) = await AddAsync("curator-n", "s1", Item("Встреча с администрацией", Day(0)));
        var (lateS2, _) = await AddAsync("methodist-n", "s2", Item("Методическая сессия по ИОМ", Day(-45), "inProgress"));
        var (lateS3, _) = await AddAsync("coord-n", "s3", Item("Консультация по ВСОКО", Day(-14)));

        var overdue = await (await app.ClientFor("coord-n").GetAsync(OverdueUrl())).ReadJsonAsync();
        Assert.Equal(Day(0), (string?)overdue["today"]);
        var ids = overdue["items"]!.AsArray().Select(i => (string)i!["item"]!["id"]!).ToList();
        Assert.Contains((string)lateS1["id"]!, ids);
        Assert.Contains((string)lateS2["id"]!, ids);
        Assert.Contains((string)lateS3["id"]!, ids);
        Assert.DoesNotContain((string)doneS1["id"]!, ids);
        Assert.DoesNotContain((string)futureS1["id"]!, ids);
        Assert.DoesNotContain((string)dueToday["id"]!, ids);
        Assert.True(ids.IndexOf((string)lateS2["id"]!) < ids.IndexOf((string)lateS3["id"]!) && ids.IndexOf((string)lateS3["id"]!) < ids.IndexOf((string)lateS1["id"]!), "oldest first");

        var s2 = overdue["items"]!.AsArray().Single(i => (string?)i!["item"]!["id"] == (string)lateS2["id"]!)!;
        Assert.Equal(45, (int)s2["daysOverdue"]!);
        Assert.Equal("Вторая СОШ", (string?)s2["schoolShortName"]);
        Assert.True((bool)s2["item"]!["overdue"]!);

        // The curator sees the overdue items of the assigned schools only; the school's own plan marks them too.
        var curatorIds = (await (await app.ClientFor("curator-n").GetAsync(OverdueUrl())).ReadJsonAsync())["items"]!.AsArray().Select(i => (string)i!["item"]!["id"]!).ToList();
        Assert.Contains((string)lateS1["id"]!, curatorIds);
        Assert.DoesNotContain((string)lateS3["id"]!, curatorIds);
        var plan = await (await app.ClientFor("admin-s1").GetAsync(PlanUrl("s1"))).ReadJsonAsync();
        Assert.True((bool)plan["items"]!.AsArray().Single(i => (string?)i!["id"] == (string)lateS1["id"]!)!["overdue"]!);
        Assert.False((bool)plan["items"]!.AsArray().Single(i => (string?)i!["id"] == (string)doneS1["id"]!)!["overdue"]!);
    }
}
