using System.Net;
using MethodDays.Features.Notifications;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;
using static MethodDays.Tests.Subscription.Subscriptions;

namespace MethodDays.Tests.Subscription;

/// <summary>
/// The methodical subscription (seed 002): a school's application on the seed's grounds, once per school year, agreed or
/// declined with a reason the school is told; the bank of requests grouped by topic and competence; modules under the
/// ETag; sessions whose attendance marks the teachers' routes; the indicators; and who may see what.
/// </summary>
public sealed class SubscriptionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ASecondApplicationForTheSameYearIs409AndADeclineNeedsAReasonTheSchoolReads()
    {
        var admin = app.ClientFor("admin-s3");
        await (await admin.PostJsonAsync($"{School("s3")}/applications", new { year = "2026-2027", criteria = Array.Empty<string>(), justification = "Коротко" }))
            .AssertProblemAsync(400, "criteria", "justification");
        await (await admin.PostJsonAsync($"{School("s3")}/applications", new { year = "2026-2027", criteria = new[] { "olympiad" }, justification = "Итоги ВПР ниже муниципальных" }))
            .AssertProblemAsync(400, "criteria.0");

        var first = await admin.PostJsonAsync($"{School("s3")}/applications", new
        {
            year = "2026-2027",
            criteria = new[] { "diagnostics" },
            justification = "Диагностика показала дефициты методической компетенции у шести педагогов.",
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.ReadJsonAsync();
        Assert.Equal("на рассмотрении", (string?)created["statusLabel"]);
        Assert.Equal("по итогам диагностики дефицитов предметной компетентности педагогов школы", (string?)created["criteria"]![0]!["label"]);

        var second = await (await app.ClientFor("admin-s3").PostJsonAsync($"{School("s3")}/applications", new { year = "2026/2027", criteria = new[] { "request" }, justification = "Ещё раз просим включить школу." }))
            .AssertProblemAsync(409);
        Assert.Contains("уже подала заявку на 2026/2027 учебный год", (string?)second["detail"]);

        var answer = $"{Base}/applications/2026-2027.s3/answer";
        var coordinator = app.ClientFor("coord-n");
        await (await coordinator.PostJsonAsync(answer, new { decision = "declined" })).AssertProblemAsync(400, "comment");
        await (await coordinator.PostJsonAsync(answer, new { decision = "maybe" })).AssertProblemAsync(400, "decision");
        await (await admin.PostJsonAsync(answer, new { decision = "agreed" })).AssertProblemAsync(403);
        await (await coordinator.PostJsonAsync($"{Base}/applications/2026-2027.nope/answer", new { decision = "agreed" })).AssertProblemAsync(404);

        var declined = await coordinator.PostJsonAsync(answer, new { decision = "declined", comment = "Результаты школы выше муниципальных: предлагаем адресные консультации." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("отклонена", (string?)(await declined.ReadJsonAsync())["statusLabel"]);
        await (await coordinator.PostJsonAsync(answer, new { decision = "agreed" })).AssertProblemAsync(409);

        var told = (await Notices.DrainAsync(app)).Where(n => n.Kind == NotificationKind.Subscription).ToList();
        Assert.Contains(told, n => n.PersonId == "coord-n" && n.Subject.Contains("«Третья СОШ» просит включить её в «Методический абонемент»", StringComparison.Ordinal));
        var notice = Assert.Single(told, n => n.PersonId == "admin-s3");
        Assert.Equal("Заявка на «Методический абонемент» (2026/2027 учебный год): отклонена", notice.Subject);
        Assert.Contains("Причина: Результаты школы выше муниципальных", notice.Text);

        var school = await (await admin.GetAsync(School("s3"))).ReadJsonAsync();
        Assert.Equal("declined", (string?)school["application"]!["status"]);
    }

    [Fact]
    public async Task RequestsOfTeachersAndSchoolsAreGroupedByTopicAndCompetence()
    {
        await JoinAsync(app, "s2");
        var noAccount = await TeacherAsync(app, "s2", "Грибова Алла Петровна");
        await NeedAsync(app, "admin-s2", "s2", noAccount, "Формирующее оценивание", "communicative", "practicum");
        await NeedAsync(app, "admin-s2", "s2", null, " формирующее   оценивание.", "communicative", "session");
        await NeedAsync(app, "admin-s2", "s2", noAccount, "Профилактика выгорания", "psychological", "consulting");

        await (await app.ClientFor("admin-s2").PostJsonAsync($"{School("s2")}/needs", new { topic = "", competence = "magic", form = "lecture", teacherId = "nobody" }))
            .AssertProblemAsync(400, "topic", "competence", "form", "teacherId");
        await (await app.ClientFor("admin-s1").PostJsonAsync($"{School("s2")}/needs", new { topic = "Чужая тема", competence = "digital", form = "training" })).AssertProblemAsync(403);

        var overview = await (await app.ClientFor("methodist-n").GetAsync($"{Base}?year=2026-2027")).ReadJsonAsync();
        var topics = overview["byTopic"]!.AsArray();
        Assert.Equal(2, (int)topics[0]!["count"]!);
        Assert.Equal("Формирующее оценивание", (string?)topics[0]!["topic"]);
        Assert.Equal(["(школа)", "Грибова Алла Петровна"], topics[0]!["needs"]!.AsArray().Select(n => (string?)n!["teacherName"] ?? "(школа)").Order().ToArray());
        var competences = overview["byCompetence"]!.AsArray().ToDictionary(c => (string)c!["label"]!, c => (int)c!["count"]!);
        Assert.Equal(2, competences["коммуникативная"]);
        Assert.Equal(1, competences["психолого-педагогическая"]);
        Assert.Contains(overview["agreedSchools"]!.AsArray(), s => (string?)s!["id"] == "s2");
        Assert.Equal(7, overview["forms"]!.AsArray().Count);
        Assert.Equal("наставнический час", (string?)overview["forms"]![6]!["label"]);
    }

    [Fact]
    public async Task ATeacherEntersOwnRequestsOnlyAndSeesOnlyThem()
    {
        await JoinAsync(app, "s1");
        var own = await TeacherAsync(app, "s1", "Педагог Первой Школы", "teacher-s1");
        var colleague = await TeacherAsync(app, "s1", "Коллегова Анна Павловна");
        var teacher = app.ClientFor("teacher-s1");
        var mine = await teacher.PostJsonAsync($"{School("s1")}/needs", new { topic = "Смысловое чтение", competence = "subject", subject = "Русский язык", form = "mentoring-hour" });
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(own, (string?)(await mine.ReadJsonAsync())["teacherId"]);
        await (await teacher.PostJsonAsync($"{School("s1")}/needs", new { teacherId = colleague, topic = "За коллегу", competence = "subject", form = "training" })).AssertProblemAsync(403);
        await NeedAsync(app, "admin-s1", "s1", colleague, "Работа с неуспевающими");

        var view = await (await teacher.GetAsync(School("s1"))).ReadJsonAsync();
        Assert.Equal(["Смысловое чтение"], view["needs"]!.AsArray().Select(n => (string)n!["topic"]!).ToArray());
        Assert.Null(view["application"]);
        Assert.Empty(view["teachers"]!.AsArray());
        var school = await (await app.ClientFor("admin-s1").GetAsync(School("s1"))).ReadJsonAsync();
        Assert.True(school["needs"]!.AsArray().Count >= 2);
    }

    [Fact]
    public async Task AttendanceForAFutureSessionIsRefusedAndAttendanceMarksTheTeachersRoute()
    {
        await JoinAsync(app, "s1");
        var planned = await TeacherAsync(app, "s1", "Плановая Вера Сергеевна");
        var draft = await TeacherAsync(app, "s1", "Черновая Нина Юрьевна");
        var none = await TeacherAsync(app, "s1", "Безмаршрутная Ирина Олеговна");
        var need = await NeedAsync(app, "admin-s1", "s1", planned, "Формирующее оценивание на уроке");
        var (module, _) = await ModuleAsync(app, ["s1"], [need]);

        // The planned teacher's route already names the module; the other's route is a draft without it.
        var admin = app.ClientFor("admin-s1");
        var routes = "/api/municipalities/north/schools/s1/routes";
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{routes}/{planned}/2026-27", new
        {
            tutorName = "Смирнова О. В.",
            items = new[] { new { id = $"abon-{module}", competence = "methodical", content = "Практикум абонемента «Формирующее оценивание»", form = "subscription", hours = 6, startDate = "2026-11-02", endDate = "2026-12-18", status = "planned" } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{routes}/{draft}/2026-27", new
        {
            tutorName = "Смирнова О. В.",
            items = new[] { new { competence = "digital", content = "Курс «Цифровая образовательная среда»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15", status = "planned" } },
        })).StatusCode);

        var sessions = $"{Base}/modules/{module}/sessions";
        var methodist = app.ClientFor("methodist-n");
        var attendees = new[] { new { schoolId = "s1", teacherId = planned }, new { schoolId = "s1", teacherId = draft }, new { schoolId = "s1", teacherId = none } };
        // 15 November 2026, 15:00 in Omsk: the 16th has not come.
        var future = await (await methodist.PostJsonAsync(sessions, new { date = "2026-11-16", attendees, feedback = "Рано" })).AssertProblemAsync(422, "date");
        Assert.Contains("ещё не прошло", (string?)future["detail"]);
        await (await methodist.PostJsonAsync(sessions, new { date = "2026-11-14", attendees = new[] { new { schoolId = "s2", teacherId = planned } } })).AssertProblemAsync(400, "attendees.0.schoolId");
        var untouched = await (await admin.GetAsync($"{routes}/{planned}/2026-27")).ReadJsonAsync();
        Assert.Equal("planned", (string?)untouched["items"]![0]!["status"]);

        var held = await methodist.PostJsonAsync(sessions, new { date = "2026-11-14", attendees, feedback = "Разобрали приёмы обратной связи; просят продолжение." });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var outcomes = (await held.ReadJsonAsync())["attendees"]!.AsArray().ToDictionary(a => (string)a!["teacherId"]!, a => (string)a!["routeOutcomeLabel"]!);
        Assert.Equal("в ИОМ отмечено выполненным", outcomes[planned]);
        Assert.Equal("добавлено в ИОМ как выполненное", outcomes[draft]);
        Assert.Equal("ИОМ на этот учебный год нет", outcomes[none]);

        // The same request again (a retry) is the same session, not a second one.
        var again = await methodist.PostJsonAsync(sessions, new { date = "2026-11-14", attendees, feedback = "Разобрали приёмы обратной связи; просят продолжение." });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((string?)(await held.ReadJsonAsync())["id"], (string?)(await again.ReadJsonAsync())["id"]);

        var route = await (await admin.GetAsync($"{routes}/{planned}/2026-27")).ReadJsonAsync();
        Assert.Equal("done", (string?)route["items"]![0]!["status"]);
        Assert.Equal("Посещение 14.11.2026: практикум «Формирующее оценивание на уроке» (методический абонемент)", (string?)route["items"]![0]!["evidenceNote"]);
        var added = (await (await admin.GetAsync($"{routes}/{draft}/2026-27")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(2, added.Count);
        Assert.Equal("subscription", (string?)added[1]!["form"]);
        Assert.Equal("выполнено", (string?)added[1]!["statusLabel"]);
        Assert.Equal("Модуль методического абонемента: практикум «Формирующее оценивание на уроке»", (string?)added[1]!["content"]);

        // The school sees its teachers' attendance in its complex route; the indicators count the delivered module.
        var school = await (await admin.GetAsync(School("s1"))).ReadJsonAsync();
        var mod = school["route"]!.AsArray().Single(m => (string?)m!["id"] == module)!;
        Assert.Equal(3, Assert.Single(mod["sessions"]!.AsArray())!["attendees"]!.AsArray().Count);
        var indicators = await (await app.ClientFor("coord-n").GetAsync($"{Base}/indicators?year=2026-2027")).ReadJsonAsync();
        Assert.True((int)indicators["modulesDelivered"]! >= 1);
        Assert.True((int)indicators["deliveredByForm"]!.AsArray().Single(f => (string?)f!["key"] == "practicum")!["count"]! >= 1);
        Assert.True((int)indicators["teachersOnRoutes"]! >= 2);
        Assert.True((int)indicators["teachersAttended"]! >= 3);
    }

    [Fact]
    public async Task AnApprovedRouteIsMarkedWithoutANewRevisionAndKeepsItsPlan()
    {
        await JoinAsync(app, "s1");
        var teacher = await TeacherAsync(app, "s1", "Педагог Первой Школы", "teacher-s1");
        var (module, _) = await ModuleAsync(app, ["s1"], [], form: "master-class");
        var (other, _) = await ModuleAsync(app, ["s1"], [], form: "training");
        var url = $"/api/municipalities/north/schools/s1/routes/{teacher}/2026-27";
        var saved = await app.ClientFor("admin-s1").PutJsonAsync(url, new
        {
            tutorMemberId = "admin-s1b",
            items = new[] { new { id = $"abon-{module}", competence = "methodical", content = "Мастер-класс абонемента", form = "subscription", hours = 6, startDate = "2026-11-02", endDate = "2026-12-18", status = "planned" } },
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var byTeacher = await app.ClientFor("teacher-s1").PostJsonAsync($"{url}/agreements", new { @as = "teacher" }, saved.Headers.ETag?.ToString() ?? (string)(await saved.ReadJsonAsync())["eTag"]!);
        Assert.Equal(HttpStatusCode.OK, byTeacher.StatusCode);
        var byTutor = await app.ClientFor("admin-s1b").PostJsonAsync($"{url}/agreements", new { @as = "tutor" }, (string)(await byTeacher.ReadJsonAsync())["eTag"]!);
        var approved = await app.ClientFor("admin-s1").PostJsonAsync($"{url}/approval", new { orderDate = "2026-11-10", orderNumber = "115-о" }, (string)(await byTutor.ReadJsonAsync())["eTag"]!);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var attended = new { date = "2026-11-13", attendees = new[] { new { schoolId = "s1", teacherId = teacher } }, feedback = "" };
        Assert.Equal(HttpStatusCode.Created, (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules/{module}/sessions", attended)).StatusCode);
        var notInPlan = await (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules/{other}/sessions", attended)).ReadJsonAsync();
        Assert.Equal("ИОМ утверждён без этого модуля: план не изменён", (string?)notInPlan["attendees"]![0]!["routeOutcomeLabel"]);

        var route = await (await app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync();
        Assert.Equal("approved", (string?)route["state"]);
        Assert.Equal(1, (int)route["revision"]!);
        Assert.Single(route["items"]!.AsArray());
        Assert.Equal("done", (string?)route["items"]![0]!["status"]);
        Assert.Empty((await (await app.ClientFor("admin-s1").GetAsync($"{url}/revisions")).ReadJsonAsync()).AsArray());

        // The teacher sees the module they attended.
        var own = await (await app.ClientFor("teacher-s1").GetAsync(School("s1"))).ReadJsonAsync();
        Assert.Contains(own["route"]!.AsArray(), m => (string?)m!["id"] == module);
    }

    [Fact]
    public async Task ModulesAreEditedUnderTheirETagAndOnlyForSchoolsOfTheProject()
    {
        await JoinAsync(app, "s2");
        var before = (await (await app.ClientFor("coord-n").GetAsync($"{Base}?year=2026-2027")).ReadJsonAsync())["modules"]!.AsArray().Count;
        var refused = await (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules", Module(["s2", "t1"], ["nope"]) )).AssertProblemAsync(400, "schools.1", "needIds.0");
        Assert.Contains("нет согласованной заявки", (string?)refused["errors"]!["schools.1"]![0]);
        await (await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules", new { form = "lecture", hours = 500, startDate = "2027-13-01", endDate = "x", schools = Array.Empty<string>() }))
            .AssertProblemAsync(400, "form", "topic", "competence", "leadKind", "leadName", "hours", "startDate", "endDate", "place", "schools");
        Assert.Equal(before, (await (await app.ClientFor("coord-n").GetAsync($"{Base}?year=2026-2027")).ReadJsonAsync())["modules"]!.AsArray().Count);

        var (module, etag) = await ModuleAsync(app, ["s2"], []);
        var url = $"{Base}/modules/{module}";
        await (await app.ClientFor("coord-n").PutJsonAsync(url, Module(["s2"], [], topic: "Без ETag"))).AssertProblemAsync(428);
        var first = await app.ClientFor("coord-n").PutJsonAsync(url, Module(["s2"], [], topic: "Оценивание: новая редакция"), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var conflict = await (await app.ClientFor("methodist-n").PutJsonAsync(url, Module(["s2"], [], topic: "Поверх чужого"), etag)).AssertProblemAsync(409);
        Assert.Equal("Оценивание: новая редакция", (string?)conflict["current"]!["topic"]);
        Assert.Contains("Координатор Северный", (string?)conflict["detail"]);
    }

    [Fact]
    public async Task EditingAModuleWithoutItsLeadsMemberKeepsTheLeadWhileTheNameIsTheSame()
    {
        await JoinAsync(app, "s2");
        var body = new Dictionary<string, object?>
        {
            ["year"] = "2026-2027", ["form"] = "mentoring-hour", ["topic"] = "Наставнический час: адаптация молодого учителя", ["competence"] = "communicative",
            ["leadKind"] = "tutor", ["leadName"] = "Методист Северный", ["leadMemberId"] = "methodist-n", ["hours"] = 2, ["startDate"] = "2026-11-02",
            ["endDate"] = "2026-12-18", ["place"] = "Вторая школа", ["schools"] = new[] { "s2" }, ["needIds"] = Array.Empty<string>(),
        };
        var created = await app.ClientFor("coord-n").PostJsonAsync($"{Base}/modules", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var module = await created.ReadJsonAsync();
        var url = $"{Base}/modules/{(string)module["id"]!}";
        Assert.Equal("methodist-n", (string?)module["leadMemberId"]);

        // The page's form sends no leadMemberId: a change of the place keeps the lead's member.
        body.Remove("leadMemberId");
        body["place"] = "Вторая школа, актовый зал";
        var edited = await (await app.ClientFor("coord-n").PutJsonAsync(url, body, (string)module["eTag"]!)).ReadJsonAsync();
        Assert.Equal("Вторая школа, актовый зал", (string?)edited["place"]);
        Assert.Equal("methodist-n", (string?)edited["leadMemberId"]);

        // Another lead by name is another person: the member goes; an empty id unlinks it explicitly.
        body["leadName"] = "Смирнова О. В.";
        var other = await (await app.ClientFor("coord-n").PutJsonAsync(url, body, (string)edited["eTag"]!)).ReadJsonAsync();
        Assert.Null((string?)other["leadMemberId"]);
        body["leadName"] = "Методист Северный";
        body["leadMemberId"] = "methodist-n";
        var back = await (await app.ClientFor("coord-n").PutJsonAsync(url, body, (string)other["eTag"]!)).ReadJsonAsync();
        Assert.Equal("methodist-n", (string?)back["leadMemberId"]);
        body["leadMemberId"] = "";
        Assert.Null((string?)(await (await app.ClientFor("coord-n").PutJsonAsync(url, body, (string)back["eTag"]!)).ReadJsonAsync())["leadMemberId"]);
    }

    [Fact]
    public async Task AnotherSchoolATeacherACuratorAndAnotherMunicipalitySeeNothingPersonal()
    {
        await JoinAsync(app, "s2");
        var teacher = await TeacherAsync(app, "s2", "Закрытова Анна Ивановна");
        await NeedAsync(app, "admin-s2", "s2", teacher, "Закрытая тема");

        await (await app.ClientFor("admin-s1").GetAsync(School("s2"))).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").PostJsonAsync($"{School("s2")}/applications", new { criteria = new[] { "request" }, justification = "Чужая школа просит" })).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").PostJsonAsync($"{School("s2")}/route-agreement", new { })).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").GetAsync(School("s2"))).AssertProblemAsync(403);
        await (await app.ClientFor("teacher-s1").GetAsync(School("s2"))).AssertProblemAsync(403);
        foreach (var path in new[] { $"{Base}", $"{Base}/indicators" })
        {
            await (await app.ClientFor("admin-s2").GetAsync(path)).AssertProblemAsync(403);
            await (await app.ClientFor("teacher-s1").GetAsync(path)).AssertProblemAsync(403);
            await (await app.ClientFor("curator-n").GetAsync(path)).AssertProblemAsync(403);
        }

        await (await app.ClientFor("coord-s").GetAsync(School("s2"))).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(Base)).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").PostJsonAsync($"{Base}/modules", Module(["s2"], []))).AssertProblemAsync(403);

        // The school agrees its complex route: the modules planned for it. Nothing is planned for next year (other
        // tests of this class plan modules for s2 this year): there is nothing to agree.
        await (await app.ClientFor("admin-s2").PostJsonAsync($"{School("s2")}/route-agreement?year=2027-2028", new { })).AssertProblemAsync(409);
        var (module, _) = await ModuleAsync(app, ["s2"], []);
        var agreed = await app.ClientFor("admin-s2").PostJsonAsync($"{School("s2")}/route-agreement", new { });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Contains(module, (await agreed.ReadJsonAsync())["moduleIds"]!.AsArray().Select(m => (string?)m));
    }
}
