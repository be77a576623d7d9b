using System.Net;
using MethodDays.Features.Subscription;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Subscription.Subscriptions;

namespace MethodDays.Tests.Routes;

/// <summary>
/// A route's item can stand for a module of the methodical subscription: the editor's choices (the school's complex
/// route first), the module checked on save (of this municipality, of the route's year, in the subscription form, once
/// per route), attendance marking that very item (no second one, retries included); and the routes overview by school
/// for methodists, the coordinator and curators, which a school's administration and another municipality do not get.
/// </summary>
public sealed class RouteModuleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Routes = "/api/municipalities/north/schools/{0}/routes";

    private static object Linked(string module, string content = "Практикум абонемента «Формирующее оценивание на уроке»", string form = "subscription", string id = "") => new
    {
        id, competence = "methodical", content, form, hours = 6, startDate = "2026-11-02", endDate = "2026-12-18", responsibleName = "Смирнова О. В.", status = "planned", moduleId = module,
    };

    [Fact]
    public async Task AnItemLinkedToAModuleIsMarkedByAttendanceAndNoSecondItemIsAdded()
    {
        await JoinAsync(app, "s1");
        var teacher = await TeacherAsync(app, "s1", "Связанная Ольга Петровна");
        var (module, _) = await ModuleAsync(app, ["s1"], []);
        var admin = app.ClientFor("admin-s1");
        var routes = string.Format(Routes, "s1");

        // The editor's choices: the school's complex route first, with what fills the item.
        var choices = await (await admin.GetAsync($"{routes}/modules?period=2026-27")).ReadJsonAsync();
        var offered = choices["modules"]!.AsArray();
        var choice = offered.Single(m => (string?)m!["id"] == module)!;
        Assert.True((bool)choice["inSchoolRoute"]!);
        Assert.Equal("практикум", (string?)choice["formLabel"]);
        Assert.Equal("Формирующее оценивание на уроке", (string?)choice["topic"]);
        Assert.Equal(6m, (decimal)choice["hours"]!);
        Assert.All(offered.TakeWhile(m => !(bool)m!["inSchoolRoute"]!), _ => Assert.Fail("A module outside the school's route is listed first."));

        var url = $"{routes}/{teacher}/2026-27";
        var body = new { tutorName = "Смирнова О. В.", items = new[] { Linked(module) } };
        var created = await admin.PutJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await created.ReadJsonAsync();
        Assert.Equal(module, (string?)saved["items"]![0]!["moduleId"]);
        var item = (string)saved["items"]![0]!["id"]!;

        // Saving the same again (a retry) changes nothing and adds nothing.
        var again = await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked(module, id: item) } }, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await again.ReadJsonAsync())["items"]!.AsArray());

        var sessions = $"{Base}/modules/{module}/sessions";
        var attendance = new { date = "2026-11-14", attendees = new[] { new { schoolId = "s1", teacherId = teacher } }, feedback = "Разобрали приёмы обратной связи." };
        var held = await (await app.ClientFor("coord-n").PostJsonAsync(sessions, attendance)).ReadJsonAsync();
        Assert.Equal("в ИОМ отмечено выполненным", (string?)held["attendees"]![0]!["routeOutcomeLabel"]);
        Assert.Equal(HttpStatusCode.Created, (await app.ClientFor("coord-n").PostJsonAsync(sessions, attendance)).StatusCode);

        var route = await (await admin.GetAsync(url)).ReadJsonAsync();
        var only = Assert.Single(route["items"]!.AsArray())!;
        Assert.Equal(item, (string?)only["id"]);
        Assert.Equal("done", (string?)only["status"]);
        Assert.Equal(module, (string?)only["moduleId"]);
        Assert.Equal("Посещение 14.11.2026: практикум «Формирующее оценивание на уроке» (методический абонемент)", (string?)only["evidenceNote"]);

        // The marked route is a draft still with one item; picking the module again for a second item is refused.
        var twice = await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked(module, id: item), Linked(module, "Ещё раз тот же модуль") } },
            (string)route["eTag"]!)).AssertProblemAsync(400, "items.1.moduleId");
        Assert.Contains("уже выбран в мероприятии 1", (string?)twice["errors"]!["items.1.moduleId"]![0]);
    }

    [Fact]
    public async Task AnItemAddedByAttendanceIsTheModulesItemAndCannotBePickedTwice()
    {
        await JoinAsync(app, "s1");
        var teacher = await TeacherAsync(app, "s1", "Посетившая Инна Викторовна");
        var (module, _) = await ModuleAsync(app, ["s1"], [], form: "training");
        var admin = app.ClientFor("admin-s1");
        var url = $"{string.Format(Routes, "s1")}/{teacher}/2026-27";
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync(url, new
        {
            tutorName = "Смирнова О. В.",
            items = new[] { new { competence = "digital", content = "Курс «Цифровая образовательная среда»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15", status = "planned" } },
        })).StatusCode);
        var attendance = new { date = "2026-11-13", attendees = new[] { new { schoolId = "s1", teacherId = teacher } }, feedback = "" };
        var held = await (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules/{module}/sessions", attendance)).ReadJsonAsync();
        Assert.Equal("добавлено в ИОМ как выполненное", (string?)held["attendees"]![0]!["routeOutcomeLabel"]);

        var route = await (await admin.GetAsync(url)).ReadJsonAsync();
        var added = route["items"]!.AsArray().Single(i => (string?)i!["form"] == "subscription")!;
        Assert.Equal(module, (string?)added["moduleId"]);
        var picked = await (await admin.PutJsonAsync(url, new
        {
            tutorName = "Смирнова О. В.",
            items = new object[]
            {
                new { id = (string)added["id"]!, competence = "methodical", content = (string)added["content"]!, form = "subscription", hours = 6, startDate = "2026-11-02", endDate = "2026-12-18", status = "done", moduleId = module },
                Linked(module, "Тот же тренинг ещё раз"),
            },
        }, (string)route["eTag"]!)).AssertProblemAsync(400, "items.1.moduleId");
        Assert.Contains("одному модулю — одно мероприятие", (string?)picked["errors"]!["items.1.moduleId"]![0]);

        // Its form changed to a course, the item is no longer the module's: the next attendance adds one that is.
        var changed = await admin.PutJsonAsync(url, new
        {
            tutorName = "Смирнова О. В.",
            items = new object[]
            {
                new { id = (string)route["items"]![0]!["id"]!, competence = "digital", content = "Курс «Цифровая образовательная среда»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15", status = "planned" },
                new { id = (string)added["id"]!, competence = "methodical", content = "Курс вместо тренинга", form = "course", hours = 6, startDate = "2026-11-02", endDate = "2026-12-18", status = "done" },
            },
        }, (string)route["eTag"]!);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var next = await (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules/{module}/sessions", new { date = "2026-11-14", attendance.attendees, feedback = "" })).ReadJsonAsync();
        Assert.Equal("добавлено в ИОМ как выполненное", (string?)next["attendees"]![0]!["routeOutcomeLabel"]);
        var items = (await (await admin.GetAsync(url)).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        var linked = Assert.Single(items, i => (string?)i!["moduleId"] == module)!;
        Assert.Equal("subscription", (string?)linked["form"]);
        Assert.NotEqual((string?)added["id"], (string?)linked["id"]);
    }

    [Fact]
    public async Task AModuleUnknownOfAnotherMunicipalityOfAnotherYearOrInAnotherFormIsRefusedByFieldAndNothingIsWritten()
    {
        await JoinAsync(app, "s1");
        var teacher = await TeacherAsync(app, "s1", "Проверочная Алла Игоревна");
        var store = app.Service<SubscriptionStore>();
        var southern = new ModuleEntity { PartitionKey = "south", RowKey = SubscriptionStore.ModuleKey("south0000001"), ModuleId = "south0000001", Year = "2026-2027", Form = "practicum", Topic = "Южный модуль", Competence = "methodical", LeadKind = "tutor", LeadName = "Южная Е. В.", Hours = 4, StartDate = "2026-11-02", EndDate = "2026-12-18", Place = "Юг", Schools = "[\"t1\"]" };
        await store.AddAsync(southern, CancellationToken.None);
        var nextYear = new ModuleEntity { PartitionKey = "north", RowKey = SubscriptionStore.ModuleKey("next00000001"), ModuleId = "next00000001", Year = "2027-2028", Form = "practicum", Topic = "Модуль будущего года", Competence = "methodical", LeadKind = "tutor", LeadName = "Смирнова О. В.", Hours = 4, StartDate = "2027-10-02", EndDate = "2027-12-18", Place = "Кабинет 12", Schools = "[\"s1\"]" };
        await store.AddAsync(nextYear, CancellationToken.None);
        var (module, _) = await ModuleAsync(app, ["s1"], []);

        var admin = app.ClientFor("admin-s1");
        var url = $"{string.Format(Routes, "s1")}/{teacher}/2026-27";
        var unknown = await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked("nope12345678") } })).AssertProblemAsync(400, "items.0.moduleId");
        Assert.Contains("Такого модуля методического абонемента в муниципалитете нет", (string?)unknown["errors"]!["items.0.moduleId"]![0]);
        await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked("south0000001") } })).AssertProblemAsync(400, "items.0.moduleId");
        var year = await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked("next00000001") } })).AssertProblemAsync(400, "items.0.moduleId");
        Assert.Contains("запланирован на 2027/2028 учебный год, а маршрут — на 2026/27", (string?)year["errors"]!["items.0.moduleId"]![0]);
        var form = await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked(module, form: "course") } })).AssertProblemAsync(400, "items.0.moduleId");
        Assert.Contains("в форме «модуль методического абонемента»", (string?)form["errors"]!["items.0.moduleId"]![0]);
        await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked("../x") } })).AssertProblemAsync(400, "items.0.moduleId");
        await (await admin.PutJsonAsync(url, new { tutorName = "Смирнова О. В.", items = new[] { Linked(module), Linked(module, "Второй раз") } })).AssertProblemAsync(400, "items.1.moduleId");

        await (await admin.GetAsync(url)).AssertProblemAsync(404);

        // The choices are the school's keepers': not another school's administration, not a teacher, not another municipality.
        await (await app.ClientFor("admin-s2").GetAsync($"{string.Format(Routes, "s1")}/modules")).AssertProblemAsync(403);
        await (await app.ClientFor("teacher-s1").GetAsync($"{string.Format(Routes, "s1")}/modules")).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync($"{string.Format(Routes, "s1")}/modules")).AssertProblemAsync(403);
        var choices = await (await admin.GetAsync($"{string.Format(Routes, "s1")}/modules")).ReadJsonAsync();
        Assert.DoesNotContain(choices["modules"]!.AsArray(), m => (string?)m!["id"] is "south0000001" or "next00000001");
    }

    [Fact]
    public async Task TheOverviewCountsRoutesBySchoolForMethodistsTheCoordinatorAndCuratorsTheirSchoolsOnly()
    {
        var admin = app.ClientFor("admin-s2");
        var done = await TeacherAsync(app, "s2", "Обзорная Вера Андреевна");
        await TeacherAsync(app, "s2", "Безмаршрутная Зоя Павловна");
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{string.Format(Routes, "s2")}/{done}/2026-27", new
        {
            tutorName = "Смирнова О. В.",
            items = new[]
            {
                new { competence = "digital", content = "Курс «Цифровая образовательная среда»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15", status = "done" },
                new { competence = "subject", content = "Семинар по предмету", form = "seminar", hours = 18, startDate = "2026-10-05", endDate = "2026-11-01", status = "planned" },
                new { competence = "methodical", content = "Отменённый семинар", form = "seminar", hours = 18, startDate = "2026-10-05", endDate = "2026-11-01", status = "cancelled" },
            },
        })).StatusCode);
        var staff = (await (await admin.GetAsync("/api/municipalities/north/schools/s2/staff")).ReadJsonAsync())["teachers"]!.AsArray().Count(t => (bool?)t!["active"] != false);

        const string Overview = "/api/municipalities/north/routes/overview?period=2026-27";
        var methodist = await (await app.ClientFor("methodist-n").GetAsync(Overview)).ReadJsonAsync();
        Assert.Equal("2026/27", (string?)methodist["periodLabel"]);
        Assert.True((bool)methodist["namesOpen"]!);
        Assert.Equal(["s1", "s2", "s3"], methodist["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!).Order().ToArray());
        var s2 = methodist["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.Equal(staff, (int)s2["teachers"]!);
        Assert.Equal(1, (int)s2["withRoutes"]!);
        Assert.Equal(0, (int)s2["approved"]!);
        Assert.Equal(1, (int)s2["itemsDone"]!);
        Assert.Equal(2, (int)s2["itemsTotal"]!);
        Assert.Equal(1, (int)s2["itemsOverdue"]!);
        Assert.DoesNotContain("Обзорная", methodist.ToJsonString(), StringComparison.Ordinal);

        var coordinator = await (await app.ClientFor("coord-n").GetAsync(Overview)).ReadJsonAsync();
        Assert.Equal(3, coordinator["schools"]!.AsArray().Count);
        Assert.False((bool)coordinator["namesOpen"]!);
        var curator = await (await app.ClientFor("curator-n").GetAsync(Overview)).ReadJsonAsync();
        Assert.Equal(["s1", "s2"], curator["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!).Order().ToArray());
        Assert.Equal(1, (int)curator["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!["itemsOverdue"]!);

        var refused = await (await app.ClientFor("admin-s1").GetAsync(Overview)).AssertProblemAsync(403);
        Assert.Contains("методисты, координатор и кураторы", (string?)refused["detail"]);
        await (await app.ClientFor("admin-s2").GetAsync(Overview)).AssertProblemAsync(403);
        await (await app.ClientFor("teacher-s1").GetAsync(Overview)).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(Overview)).AssertProblemAsync(403);
        await (await app.ClientFor("methodist-n").GetAsync("/api/municipalities/north/routes/overview?period=2026")).AssertProblemAsync(400, "period");
    }
}
