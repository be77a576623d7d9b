using System.Net;
using System.Text.Json.Nodes;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;

namespace MethodDays.Tests.Routes;

/// <summary>
/// Teachers' individual educational routes (ИОМ, seed 004): drafted from the entry diagnostic, agreed by the teacher
/// and the tutor, approved by the school's order, revised after approval with the old revision kept; consultations;
/// the effectiveness review against the repeat diagnostic; bad input and who may see what.
/// </summary>
public sealed class RoutesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Staff = "/api/municipalities/north/schools/{0}/staff";
    private const string Rounds = "/api/municipalities/north/schools/{0}/diagnostics";
    private const string Routes = "/api/municipalities/north/schools/{0}/routes";
    private static readonly string[] Codes = ["subject", "methodical", "digital", "communicative", "psychological"];

    private static string Admin(string school) => $"admin-{school}";

    private async Task<string> AddTeacherAsync(string school, string name, string? personId = null)
    {
        var created = await app.ClientFor(Admin(school)).PostJsonAsync(string.Format(Staff, school), new
        {
            fullName = name,
            subjects = new[] { "Математика" },
            category = "first",
            position = "учитель",
            personId,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    private async Task<string> RoundAsync(string school, string kind, string date, string? entry = null)
    {
        var round = await app.ClientFor(Admin(school)).PostJsonAsync(string.Format(Rounds, school), new { kind, date, entryRoundId = entry });
        Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        return (string)(await round.ReadJsonAsync())["id"]!;
    }

    private async Task LevelsAsync(string school, string round, string teacher, params int[] levels)
    {
        var put = await app.ClientFor(Admin(school)).PutJsonAsync($"{string.Format(Rounds, school)}/{round}/results/{teacher}",
            new { levels = Codes.Zip(levels).ToDictionary(x => x.First, x => x.Second) });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    private static object Item(string competence, string content, decimal hours, string status = "planned", string start = "2026-10-05", string end = "2026-12-15", string form = "course") =>
        new { competence, content, form, hours, startDate = start, endDate = end, responsibleName = "Методист ИПК", status };

    private static string Tag(HttpResponseMessage response) => response.Headers.ETag!.ToString();

    [Fact]
    public async Task TheDraftProposesAnItemForEachLowOrMediumCompetenceAndSavesNothing()
    {
        var teacher = await AddTeacherAsync("s2", "Проектова Анна Сергеевна");
        var entry = await RoundAsync("s2", "entry", "2026-10-01");
        // Seed 004's first teacher: 90 subject (high), 53 methodical (low), 72 digital, 71 communicative (medium), 90 psychological (high).
        await LevelsAsync("s2", entry, teacher, 90, 53, 72, 71, 90);
        var admin = app.ClientFor("admin-s2");

        var draft = await admin.PostJsonAsync($"{string.Format(Routes, "s2")}/{teacher}/draft?round={entry}", new { });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var body = await draft.ReadJsonAsync();
        Assert.Equal("2026/27", (string?)body["period"]);
        var items = body["items"]!.AsArray();
        Assert.Equal(["methodical", "digital", "communicative"], items.Select(i => (string)i!["competence"]!).ToArray());
        Assert.Equal("course", (string?)items[0]!["form"]);
        Assert.Equal(36, (decimal)items[0]!["hours"]!);
        Assert.Contains("методической компетенции", (string?)items[0]!["content"]);
        Assert.Equal("семинар", (string?)items[1]!["formLabel"]);
        Assert.Equal("2026-10-02", (string?)items[0]!["startDate"]);
        Assert.Equal("2026-12-15", (string?)items[0]!["endDate"]);

        // Only a proposal: no route until it is saved.
        await (await admin.GetAsync($"{string.Format(Routes, "s2")}/{teacher}/2026-27")).AssertProblemAsync(404);
        Assert.Empty((await (await admin.GetAsync($"{string.Format(Routes, "s2")}?period=2026-27")).ReadJsonAsync()).AsArray());

        await (await admin.PostJsonAsync($"{string.Format(Routes, "s2")}/{teacher}/draft?round=nope", new { })).AssertProblemAsync(400, "round");
        var other = await AddTeacherAsync("s2", "Безрезультатова Ирина Олеговна");
        var none = await (await admin.PostJsonAsync($"{string.Format(Routes, "s2")}/{other}/draft?round={entry}", new { })).AssertProblemAsync(400, "round");
        Assert.Contains("нет результатов", (string?)none["errors"]!["round"]![0]);
    }

    [Fact]
    public async Task TheDraftOffersAcceptedPracticesOfTheBankTaggedWithEachSuggestedCompetence()
    {
        var teacher = await AddTeacherAsync("s2", "Практикова Ольга Петровна");
        var entry = await RoundAsync("s2", "entry", "2026-10-06");
        await LevelsAsync("s2", entry, teacher, 90, 53, 72, 71, 90); // methodical low; digital, communicative medium; the rest high

        var accepted = await Practices.AcceptedAsync(app, Practices.Input("Методический конструктор урока", competences: ["methodical", "psychological"]));
        var author = app.ClientFor("teacher-s1");
        var draft = await Practices.CreateAsync(author, Practices.Input("Черновик по методике", competences: ["methodical"]));
        var returned = await Practices.CreateAsync(author, Practices.Input("Возвращённая методика", competences: ["methodical"]));
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(author, returned, "план.pdf", Practices.Pdf(10_000))).StatusCode);
        await Practices.SubmitAsync(author, returned);
        await Practices.ReviewAsync(app.ClientFor("methodist-n"), returned, "return", "Добавьте описание хода урока.");
        var digital = new List<string>();
        for (var n = 1; n <= 4; n++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1)); // each accepted a minute after the one before
            digital.Add(await Practices.AcceptedAsync(app, Practices.Input($"Цифровой урок {n}", competences: ["digital"])));
        }

        var body = await (await app.ClientFor("admin-s2").PostJsonAsync($"{string.Format(Routes, "s2")}/{teacher}/draft?round={entry}", new { })).ReadJsonAsync();
        var offered = body["practices"]!.AsArray().ToDictionary(o => (string)o!["competence"]!, o => o!["practices"]!.AsArray());
        Assert.Equal(["methodical", "digital", "communicative"], offered.Keys.ToArray());
        var methodical = Assert.Single(offered["methodical"]);
        Assert.Equal(accepted, (string?)methodical!["id"]);
        Assert.Equal("Методический конструктор урока", (string?)methodical["title"]);
        Assert.DoesNotContain(offered.Values.SelectMany(p => p), p => (string?)p!["id"] == draft || (string?)p!["id"] == returned);
        Assert.Equal(digital.Skip(1).Reverse().ToArray(), offered["digital"].Select(p => (string)p!["id"]!).ToArray()); // three, newest first
        Assert.Empty(offered["communicative"]);
    }

    [Fact]
    public async Task AgreedByTeacherAndTutorApprovedOnceAndAChangedPlanIsANewRevisionToApproveAgain()
    {
        var teacher = await AddTeacherAsync("s1", "Маршрутова Елена Викторовна", personId: "teacher-s1");
        var url = $"{string.Format(Routes, "s1")}/{teacher}/2026-27";
        var admin = app.ClientFor("admin-s1");
        var tutor = app.ClientFor("admin-s1b");
        var own = app.ClientFor("teacher-s1");

        var created = await admin.PutJsonAsync(url, new
        {
            tutorMemberId = "admin-s1b",
            items = new[] { Item("methodical", "Курс «Формирующее оценивание»", 36), Item("digital", "Модуль абонемента «Цифровые инструменты»", 8, form: "subscription") },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var route = await created.ReadJsonAsync();
        Assert.Equal("Заместитель Первой", (string?)route["tutorName"]);
        Assert.Equal("draft", (string?)route["state"]);
        Assert.Equal(44, (decimal)route["totalHours"]!);

        // Approval waits for both marks; a methodist does not approve, the school does.
        await (await admin.PostJsonAsync($"{url}/approval", new { orderDate = "2026-11-10", orderNumber = "112-о" }, Tag(created))).AssertProblemAsync(409);
        await (await app.ClientFor("methodist-n").PostJsonAsync($"{url}/approval", new { orderDate = "2026-11-10", orderNumber = "112-о" }, Tag(created))).AssertProblemAsync(403);

        // Each mark by its own person: the teacher for themselves, the tutor named on the route.
        await (await admin.PostJsonAsync($"{url}/agreements", new { @as = "teacher" }, Tag(created))).AssertProblemAsync(403);
        await (await admin.PostJsonAsync($"{url}/agreements", new { @as = "tutor" }, Tag(created))).AssertProblemAsync(403);
        var byTeacher = await own.PostJsonAsync($"{url}/agreements", new { @as = "teacher" }, Tag(created));
        Assert.Equal(HttpStatusCode.OK, byTeacher.StatusCode);
        var byTutor = await tutor.PostJsonAsync($"{url}/agreements", new { @as = "tutor" }, Tag(byTeacher));
        var agreed = await byTutor.ReadJsonAsync();
        Assert.Equal("agreed", (string?)agreed["state"]);
        Assert.Equal("Педагог Первой", (string?)agreed["teacherAgreement"]!["byName"]);
        Assert.Equal("Заместитель Первой", (string?)agreed["tutorAgreement"]!["byName"]);

        var approved = await admin.PostJsonAsync($"{url}/approval", new { orderDate = "2026-11-10", orderNumber = "112-о" }, Tag(byTutor));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var approval = (await approved.ReadJsonAsync())["approval"]!;
        Assert.Equal("Приказ об утверждении ИОМ от 10.11.2026 № 112-о", (string?)approval["words"]);
        Assert.Equal("Администратор Первой", (string?)approval["byName"]);

        var twice = await (await admin.PostJsonAsync($"{url}/approval", new { orderDate = "2026-11-11", orderNumber = "113-о" }, Tag(approved))).AssertProblemAsync(409);
        Assert.Contains("уже утверждён", (string?)twice["detail"]);
        Assert.Equal("112-о", (string?)twice["current"]!["approval"]!["orderNumber"]);

        // Progress on an approved route (status, evidence: a practice of the bank and a note) keeps the approval.
        var practice = await Practices.CreateAsync(own);
        var progress = await admin.PutJsonAsync(url, new
        {
            tutorMemberId = "admin-s1b",
            items = new object[]
            {
                new { competence = "methodical", content = "Курс «Формирующее оценивание»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15",
                    responsibleName = "Методист ИПК", status = "done", practiceId = practice, evidenceNote = "Удостоверение № 123" },
                Item("digital", "Модуль абонемента «Цифровые инструменты»", 8, form: "subscription"),
            },
        }, Tag(approved));
        var inProgress = await progress.ReadJsonAsync();
        Assert.Equal("approved", (string?)inProgress["state"]);
        Assert.Equal(1, (int)inProgress["revision"]!);
        Assert.Equal(practice, (string?)inProgress["items"]![0]!["practiceId"]);
        Assert.Equal("выполнено", (string?)inProgress["items"]![0]!["statusLabel"]);

        // A changed plan: a new revision, the marks and the approval gone, the approved one kept.
        var changed = await admin.PutJsonAsync(url, new
        {
            tutorMemberId = "admin-s1b",
            items = new[] { Item("methodical", "Курс «Формирующее оценивание»", 36, status: "done"), Item("digital", "Модуль абонемента «Цифровые инструменты»", 16, form: "subscription") },
        }, Tag(progress));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var revised = await changed.ReadJsonAsync();
        Assert.Equal(2, (int)revised["revision"]!);
        Assert.Equal("draft", (string?)revised["state"]);
        Assert.Null(revised["approval"]);
        Assert.Null(revised["teacherAgreement"]);
        var revisions = (await (await admin.GetAsync($"{url}/revisions")).ReadJsonAsync()).AsArray();
        Assert.Equal("112-о", (string?)revisions.Single()!["approval"]!["orderNumber"]);
        Assert.Equal(8, (decimal)revisions.Single()!["items"]![1]!["hours"]!);

        // The tutor's consultations are logged on the route.
        var consultation = await tutor.PostJsonAsync($"{url}/consultations", new { date = "2026-11-12", note = "Обсудили тему открытого урока" });
        Assert.Equal(HttpStatusCode.Created, consultation.StatusCode);
        await (await tutor.PostJsonAsync($"{url}/consultations", new { date = "2026-12-30", note = "Будущая" })).AssertProblemAsync(400, "date");
        await (await own.PostJsonAsync($"{url}/consultations", new { date = "2026-11-12", note = "Сама себе" })).AssertProblemAsync(403);
        var seen = await (await own.GetAsync(url)).ReadJsonAsync();
        var logged = seen["consultations"]!.AsArray().Single()!;
        Assert.Equal("Заместитель Первой", (string?)logged["byName"]);
        Assert.Equal("2026-11-12", (string?)logged["date"]);
    }

    [Fact]
    public async Task BadInputIsRefusedInRussianByFieldAndAStaleSaveLosesNothing()
    {
        var teacher = await AddTeacherAsync("s3", "Ошибкова Мария Ивановна");
        var url = $"{string.Format(Routes, "s3")}/{teacher}/2026-27";
        var admin = app.ClientFor("admin-s3");

        var bad = await admin.PutJsonAsync(url, new
        {
            tutorName = "Иванова И. И.",
            items = new[]
            {
                Item("leadership", "Курс", 36),
                Item("digital", "Семинар", 0),
                Item("digital", "Курс на год", 1000),
                Item("subject", "Открытый урок", 2, start: "2026-12-10", end: "2026-12-01"),
            },
        });
        var problem = await bad.AssertProblemAsync(400, "items.0.competence", "items.1.hours", "items.2.hours", "items.3.endDate");
        Assert.StartsWith("Компетенции «leadership» нет", (string?)problem["errors"]!["items.0.competence"]![0]);
        Assert.Equal("Часы — больше нуля.", (string?)problem["errors"]!["items.1.hours"]![0]);
        Assert.Contains("слишком много", (string?)problem["errors"]!["items.2.hours"]![0]);
        Assert.Equal("Окончание (1 декабря 2026) раньше начала (10 декабря 2026).", (string?)problem["errors"]!["items.3.endDate"]![0]);
        await (await admin.GetAsync(url)).AssertProblemAsync(404);

        var otherSchool = await AddTeacherAsync("s2", "Чужакова Нина Петровна");
        await (await admin.PutJsonAsync($"{string.Format(Routes, "s3")}/{otherSchool}/2026-27", new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Семинар", 4) } }))
            .AssertProblemAsync(400, "teacherId");
        await (await admin.PutJsonAsync($"{string.Format(Routes, "s3")}/{teacher}/2026-28", new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Семинар", 4) } }))
            .AssertProblemAsync(400, "period");
        await (await admin.PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Семинар", 4, start: "2027-10-01", end: "2027-10-02") } }))
            .AssertProblemAsync(400, "items.0.startDate", "items.0.endDate");
        await (await admin.PutJsonAsync(url, new { items = new[] { Item("digital", "Семинар", 4) } })).AssertProblemAsync(400, "tutorName");
        await (await admin.PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { new { competence = "digital", content = "Семинар", form = "seminar", hours = 4,
            startDate = "2026-10-05", endDate = "2026-10-05", practiceId = "nopractice1" } } })).AssertProblemAsync(400, "items.0.practiceId");
        var notTheirs = await (await admin.PutJsonAsync(url, new { tutorMemberId = "admin-s1", items = new[] { Item("digital", "Семинар", 4) } })).AssertProblemAsync(400, "tutorMemberId");
        Assert.Contains("не работает с этой школой", (string?)notTheirs["errors"]!["tutorMemberId"]![0]);

        var first = await admin.PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Семинар «Цифровая лаборатория»", 4) } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var methodist = await app.ClientFor("methodist-n").PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Семинар «Цифровая лаборатория», ИПК", 6) } }, Tag(first));
        Assert.Equal(HttpStatusCode.OK, methodist.StatusCode);

        await (await admin.PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Моё", 5) } })).AssertProblemAsync(428);
        var stale = await (await admin.PutJsonAsync(url, new { tutorName = "Иванова И. И.", items = new[] { Item("digital", "Моё", 5) } }, Tag(first))).AssertProblemAsync(409);
        Assert.Contains("Методист Северный", (string?)stale["detail"]);
        Assert.Equal(6, (decimal)stale["current"]!["items"]![0]!["hours"]!);
        var kept = await (await admin.GetAsync(url)).ReadJsonAsync();
        Assert.Equal("Семинар «Цифровая лаборатория», ИПК", (string?)kept["items"]![0]!["content"]);

        // A stale agreement is refused too: the mark is for the revision the person read.
        await (await admin.PostJsonAsync($"{url}/agreements", new { @as = "tutor" }, Tag(first))).AssertProblemAsync(409);
        await (await admin.PostJsonAsync($"{url}/agreements", new { @as = "boss" }, Tag(methodist))).AssertProblemAsync(400, "as");
    }

    [Fact]
    public async Task ARouteIsReadByItsTeacherTheSchoolAndMethodistsTheCoordinatorGetsNumbersAndOthersNothing()
    {
        var mine = await AddTeacherAsync("s1", "Доступова Ольга Павловна", personId: null);
        var url = $"{string.Format(Routes, "s1")}/{mine}/2026-27";
        var saved = await app.ClientFor("admin-s1").PutJsonAsync(url, new { tutorName = "Петрова П. П.", items = new[] { Item("subject", "Секретное содержание курса", 24) } });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        foreach (var reader in new[] { "admin-s1", "admin-s1b", "methodist-n" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(reader).GetAsync(url)).StatusCode);
        }

        // The teacher sees their own route only (teacher-s1 is linked to another staff record, not this one).
        await (await app.ClientFor("teacher-s1").GetAsync(url)).AssertProblemAsync(403);
        Assert.DoesNotContain("Доступова", (await app.ClientFor("teacher-s1").GetStringAsync($"{string.Format(Routes, "s1")}?period=2026-27")));
        await (await app.ClientFor("teacher-s1").PutJsonAsync(url, new { tutorName = "Я", items = new[] { Item("subject", "Моё", 1) } }, Tag(saved))).AssertProblemAsync(403);

        // The coordinator and the curator: the review's numbers, not the route, no item text, no name.
        foreach (var reader in new[] { "coord-n", "curator-n" })
        {
            await (await app.ClientFor(reader).GetAsync(url)).AssertProblemAsync(403);
            var review = await app.ClientFor(reader).GetAsync($"{string.Format(Routes, "s1")}/review?period=2026-27");
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
            var text = await review.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Секретное", text);
            Assert.DoesNotContain("Доступова", text);
            var json = JsonNode.Parse(text)!;
            Assert.Empty(json["rows"]!.AsArray());
            Assert.True((int)json["totals"]!["itemsTotal"]! >= 1);
        }

        // Another school, another municipality.
        await (await app.ClientFor("admin-s2").GetAsync(url)).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").GetAsync($"{string.Format(Routes, "s1")}/review?period=2026-27")).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(url)).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync("/api/municipalities/north/routes/review?period=2026-27")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/routes/review?period=2026-27")).AssertProblemAsync(403);
        var municipality = await app.ClientFor("coord-n").GetStringAsync("/api/municipalities/north/routes/review?period=2026-27");
        Assert.DoesNotContain("Секретное", municipality);
        Assert.DoesNotContain("Доступова", municipality);
    }

    [Fact]
    public async Task TheDecemberReviewCountsItemsAndHoursAndTheChangeOfEachCompetenceBetweenDiagnostics()
    {
        var first = await AddTeacherAsync("s2", "Итогова Вера Андреевна");
        var second = await AddTeacherAsync("s2", "Итогова Зоя Андреевна");
        var entry = await RoundAsync("s2", "entry", "2025-10-03");
        var repeat = await RoundAsync("s2", "repeat", "2025-12-12", entry);
        // Seed 004's fifth and sixth teachers.
        await LevelsAsync("s2", entry, first, 70, 40, 57, 62, 63);
        await LevelsAsync("s2", repeat, first, 80, 77, 87, 57, 83);
        await LevelsAsync("s2", entry, second, 54, 64, 74, 81, 83);
        await LevelsAsync("s2", repeat, second, 68, 97, 83, 100, 75);
        var admin = app.ClientFor("admin-s2");
        var period = $"{string.Format(Routes, "s2")}/{{0}}/2025-26";
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync(string.Format(period, first), new
        {
            tutorName = "Аристарина О. В.",
            entryRoundId = entry,
            items = new[]
            {
                Item("methodical", "Курс", 36, "done", "2025-10-06", "2025-11-30"),
                Item("digital", "Семинар", 6, "done", "2025-10-06", "2025-11-30", "seminar"),
                Item("subject", "Открытый урок", 2, "planned", "2025-12-01", "2025-12-20", "open-lesson"),
                Item("communicative", "Тренинг", 8, "cancelled", "2025-10-06", "2025-11-30", "other"),
            },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync(string.Format(period, second), new
        {
            tutorName = "Аристарина О. В.",
            entryRoundId = entry,
            items = new[] { Item("subject", "Самообразование", 10, "done", "2025-10-06", "2025-12-10", "self-education") },
        })).StatusCode);

        var review = await (await admin.GetAsync($"{string.Format(Routes, "s2")}/review?period=2025/26")).ReadJsonAsync();
        Assert.Equal(entry, (string?)review["entryRoundId"]);
        Assert.Equal(repeat, (string?)review["repeatRoundId"]);
        var row = review["rows"]!.AsArray().Single(x => (string?)x!["teacherId"] == first)!;
        Assert.Equal("Итогова Вера Андреевна", (string?)row["teacherName"]);
        Assert.Equal(2, (int)row["itemsDone"]!);
        Assert.Equal(3, (int)row["itemsTotal"]!); // the cancelled one counts in neither
        Assert.Equal(42, (decimal)row["hoursDone"]!);
        Assert.Equal(44, (decimal)row["hoursPlanned"]!);
        var methodical = row["changes"]!.AsArray().Single(c => (string?)c!["competence"] == "methodical")!;
        Assert.Equal(40, (int)methodical["entry"]!);
        Assert.Equal(77, (int)methodical["repeat"]!);
        Assert.Equal(37, (int)methodical["change"]!);

        var totals = review["totals"]!;
        Assert.Equal(2, (int)totals["teachers"]!);
        Assert.Equal(3, (int)totals["itemsDone"]!);
        Assert.Equal(4, (int)totals["itemsTotal"]!);
        Assert.Equal(52, (decimal)totals["hoursDone"]!);
        var mean = totals["means"]!.AsArray().Single(c => (string?)c!["competence"] == "methodical")!;
        Assert.Equal(52, (int)mean["entry"]!); // (40 + 64) / 2
        Assert.Equal(87, (int)mean["repeat"]!); // (77 + 97) / 2
        Assert.Equal(35, (int)mean["change"]!);

        var municipality = await (await app.ClientFor("methodist-n").GetAsync("/api/municipalities/north/routes/review?period=2025-26")).ReadJsonAsync();
        var s2 = municipality["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.Equal(4, (int)s2["totals"]!["itemsTotal"]!);
        Assert.Equal(52, (decimal)municipality["totals"]!["hoursDone"]!);
        Assert.Equal(35, (int)municipality["totals"]!["means"]!.AsArray().Single(c => (string?)c!["competence"] == "methodical")!["change"]!);
        await (await admin.GetAsync($"{string.Format(Routes, "s2")}/review?period=2025")).AssertProblemAsync(400, "period");
    }
}
