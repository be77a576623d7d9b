using System.Net;
using MethodDays.Features.Notifications;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Visits;

/// <summary>
/// The candidates list with its reasons, a school's request for a visit, and planning a visit with its team and
/// lessons: the rules of seed 000 (a team of 6 to 10 from this municipality, lessons on the visit's day), notices to
/// everyone involved, the calendar, and concurrent edits.
/// </summary>
public sealed class VisitPlanningTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Visits = "/api/municipalities/north/visits";

    [Fact]
    public async Task TheCandidatesListShowsWhyASchoolIsOnItAndFollowsTheCriteria()
    {
        var coordinator = app.ClientFor("coord-n");
        var saved = await coordinator.PutJsonAsync("/api/municipalities/north/results/2026-2027/schools/s2", new
        {
            qualityPercent = 31,
            attainmentPercent = 97,
            olympiadHigherParticipants = 2,
            olympiadHigherWinners = 0,
            innovationTeachers = 1,
            exams = new object[]
            {
                new { exam = "ОГЭ", subject = "Математика", school = 3.1m, municipality = 3.6m, city = 3.7m },
                new { exam = "ЕГЭ", subject = "Русский язык", school = 61, municipality = 68, city = 70 },
            },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var list = await (await coordinator.GetAsync($"{Visits}/candidates")).ReadJsonAsync();
        Assert.Equal("2026-2027", (string?)list["year"]);
        var schools = list["schools"]!.AsArray();
        Assert.Equal(3, schools.Count);
        var s2 = schools[0]!;
        Assert.Equal("s2", (string?)s2["schoolId"]);
        var met = s2["reasons"]!.AsArray().Where(x => (bool)x!["met"]!).ToDictionary(x => (string)x!["code"]!, x => (string)x!["detail"]!);
        Assert.Contains("качество знаний 31 % (порог 40 %)", met["quality"]);
        Assert.Contains("ниже среднего по муниципалитету 2 из 2", met["exams"]);
        Assert.Contains("ОГЭ Математика 3,1 (муниципалитет 3,6, город 3,7)", met["exams"]);
        Assert.Equal("школа отмечена как ШНОР", met["shnor"]);
        Assert.Contains("посещений в MethodDays не было", met["noVisit"]);
        Assert.Contains("шаги недели ЕМД: 0 из", met["participation"]);
        Assert.DoesNotContain("attainment", met.Keys);
        var s3 = schools.Single(x => (string?)x!["schoolId"] == "s3")!;
        Assert.Contains(s3["reasons"]!.AsArray(), x => (string?)x!["code"] == "quality" && (bool)x["noData"]!);

        // The coordinator turns ШНОР off and weighs quality up; a methodist may not.
        var criteria = await coordinator.GetAsync($"{Visits}/criteria");
        var changed = await coordinator.PutJsonAsync($"{Visits}/criteria", new
        {
            criteria = new object[] { new { code = "shnor", on = false, weight = 3 }, new { code = "quality", on = true, weight = 6, threshold = 30 } },
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await (await app.ClientFor("methodist-n").PutJsonAsync($"{Visits}/criteria", new { criteria = Array.Empty<object>() })).AssertProblemAsync(403);
        var after = await (await coordinator.GetAsync($"{Visits}/candidates")).ReadJsonAsync();
        var reasons = after["schools"]!.AsArray().Single(x => (string?)x!["schoolId"] == "s2")!["reasons"]!.AsArray();
        Assert.DoesNotContain(reasons, x => (string?)x!["code"] == "shnor");
        Assert.False((bool)reasons.Single(x => (string?)x!["code"] == "quality")!["met"]!);
        await (await coordinator.PutJsonAsync($"{Visits}/criteria", new { criteria = new object[] { new { code = "nope", on = true, weight = 11 } } }))
            .AssertProblemAsync(400, "criteria.0.code");
        Assert.Equal(HttpStatusCode.OK, criteria.StatusCode);
    }

    [Fact]
    public async Task ASchoolAsksForAVisitOncePerMonthAndIsAnswered()
    {
        var admin = app.ClientFor("admin-s3");
        const string Ask = "/api/municipalities/north/schools/s3/visit-requests";
        var created = await admin.PostJsonAsync(Ask, new { month = "2027-01", reason = "Просим помочь с внутришкольным контролем и подготовкой к ГИА" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.ReadJsonAsync())["id"]!;

        var twice = await (await app.ClientFor("admin-s3").PostJsonAsync(Ask, new { month = "2027-01", reason = "Ещё раз просим помочь школе, очень нужно" })).AssertProblemAsync(409);
        Assert.Contains("Школа уже просила посещение на январь 2027", (string?)twice["detail"]);
        await (await admin.PostJsonAsync(Ask, new { month = "2026-10", reason = "Просим помочь в прошедшем месяце" })).AssertProblemAsync(400, "month");
        var notices = await Notices.DrainAsync(app);
        Assert.Contains(notices, n => n.PersonId == "coord-n" && n.Kind == NotificationKind.Visit && n.Subject.Contains("Третья СОШ", StringComparison.Ordinal));

        // On the candidates list, and answered: a decline needs a reason.
        var list = await (await app.ClientFor("methodist-n").GetAsync($"{Visits}/candidates")).ReadJsonAsync();
        var s3 = list["schools"]!.AsArray().Single(x => (string?)x!["schoolId"] == "s3")!;
        Assert.Equal(id, (string?)s3["request"]!["id"]);
        Assert.Contains(s3["reasons"]!.AsArray(), x => (string?)x!["code"] == "request" && (bool)x["met"]!);
        var answer = $"/api/municipalities/north/visit-requests/{id}/answer";
        await (await app.ClientFor("methodist-n").PostJsonAsync(answer, new { decision = "declined" })).AssertProblemAsync(400, "comment");
        var declined = await app.ClientFor("methodist-n").PostJsonAsync(answer, new { decision = "declined", comment = "В январе команда в другой школе; предлагаем февраль" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await (await app.ClientFor("coord-n").PostJsonAsync(answer, new { decision = "agreed" })).AssertProblemAsync(409);
        var told = await Notices.DrainAsync(app);
        Assert.Contains(told, n => n.PersonId == "admin-s3" && n.Subject.Contains("отклонён", StringComparison.Ordinal) && n.Text.Contains("предлагаем февраль", StringComparison.Ordinal));

        var own = await (await admin.GetAsync("/api/municipalities/north/schools/s3/visits")).ReadJsonAsync();
        Assert.Equal("отклонён", (string?)own["requests"]![0]!["statusLabel"]);
    }

    [Fact]
    public async Task AVisitIsPlannedWithItsTeamAndLessonsAndEveryoneIsToldAndSeesItInTheCalendar()
    {
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Лебедева Ольга Игоревна", "Математика");
        var coordinator = app.ClientFor("coord-n");
        await Notices.DrainAsync(app);
        var created = await coordinator.PostJsonAsync(Visits, VisitFiles.Visit(teacher));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.ReadJsonAsync();
        var id = (string)visit["id"]!;
        Assert.Equal(6, visit["team"]!.AsArray().Count);
        Assert.Equal("руководитель группы", (string?)visit["team"]![0]!["roleLabel"]);
        Assert.Equal("Лебедева Ольга Игоревна", (string?)visit["lessons"]![0]!["teacherName"]);
        Assert.Contains(visit["warnings"]!.AsArray(), w => ((string)w!).Contains("Заместитель Первой", StringComparison.Ordinal));
        Assert.NotNull(created.Headers.ETag);

        var notices = await Notices.DrainAsync(app);
        Assert.Equal(["admin-s1b", "admin-s2", "admin-s3", "curator-n", "methodist-n", "teacher-s1"], notices.Select(n => n.PersonId).Order().ToArray());
        Assert.All(notices, n => Assert.Equal(NotificationKind.Visit, n.Kind));
        var curator = notices.Single(n => n.PersonId == "curator-n");
        Assert.Contains("Ваша роль в команде: наблюдатель на уроках", curator.Text);
        Assert.Contains("2-й урок 09:00–09:40, Математика, 9Б класс, Лебедева Ольга Игоревна, каб. 21", curator.Text);
        Assert.Contains("3 декабря 2026", notices.Single(n => n.PersonId == "admin-s2").Subject);

        // The school sees it; so does the team, in the list and the calendar.
        var school = await (await app.ClientFor("admin-s2").GetAsync("/api/municipalities/north/schools/s2/visits")).ReadJsonAsync();
        Assert.Contains(school["visits"]!.AsArray(), v => (string?)v!["id"] == id);
        var mine = await (await app.ClientFor("admin-s3").GetAsync(Visits)).ReadJsonAsync();
        Assert.True((bool)mine["visits"]!.AsArray().Single(v => (string?)v!["id"] == id)!["onTeam"]!);
        foreach (var (person, school2, role) in new[] { ("admin-s2", "s2", (string?)null), ("admin-s3", "s3", "эксперт по документам") })
        {
            var link = (string)(await (await app.ClientFor(person).GetAsync($"/api/municipalities/north/schools/{school2}/calendar")).ReadJsonAsync())["url"]!;
            var ics = (await app.AnonymousClient().GetStringAsync(new Uri(link).PathAndQuery)).Replace("\r\n ", "", StringComparison.Ordinal);
            Assert.Contains($"UID:visit-{id}-north@methoddays", ics);
            // Omsk is UTC+6: the lesson at 09:00 local is 03:00 UTC; the day ends an hour after the last lesson.
            Assert.Contains("DTSTART:20261203T030000Z", ics);
            Assert.Contains("DTEND:20261203T044000Z", ics);
            if (role is not null)
            {
                Assert.Contains($"Ваша роль: {role}", ics);
            }
        }
    }

    [Fact]
    public async Task BadTeamsAndLessonsAreNamedAndASmallTeamIsOnlyWarnedAbout()
    {
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Морозова Инна Павловна", "Русский язык");
        var coordinator = app.ClientFor("coord-n");
        object[] team =
        [
            new { personId = "methodist-n", role = "leader" },
            new { personId = "coord-s", role = "observer" },
            new { personId = "curator-n", role = "chief" },
            new { personId = "methodist-n", role = "observer" },
        ];
        var problem = await (await coordinator.PostJsonAsync(Visits, VisitFiles.Visit(teacher, team: team, lessonDate: "2026-12-04", observers: ["admin-s3"])))
            .AssertProblemAsync(400, "team.1.personId", "team.2.role", "team.3.personId", "lessons.0.date", "lessons.0.observers.0");
        Assert.Contains("участник другого муниципалитета (Южный муниципальный район)", (string)problem["errors"]!["team.1.personId"]![0]!);
        Assert.Contains("3 декабря 2026", (string)problem["errors"]!["lessons.0.date"]![0]!);

        // A teacher who is not on the school's list cannot be observed.
        await (await coordinator.PostJsonAsync(Visits, VisitFiles.Visit("nobody-here"))).AssertProblemAsync(400, "lessons.0.teacherId");

        // Three people: allowed, with the seed's size as a warning.
        var small = await coordinator.PostJsonAsync(Visits, VisitFiles.Visit(teacher, team:
            [new { personId = "methodist-n", role = "leader" }, new { personId = "curator-n", role = "observer" }, new { personId = "coord-n", role = "analyst" }]));
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        Assert.Contains((await small.ReadJsonAsync())["warnings"]!.AsArray(), w => ((string)w!).Contains("от 6 до 10 человек", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConcurrentEditsOfAVisitLoseNothing()
    {
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Соколова Вера Андреевна", "Физика");
        var created = await app.ClientFor("coord-n").PostJsonAsync(Visits, VisitFiles.Visit(teacher, date: "2026-12-10"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var etag = created.Headers.ETag!.ToString();

        var moved = await app.ClientFor("methodist-n").PutJsonAsync($"{Visits}/{id}", VisitFiles.Visit(teacher, date: "2026-12-11"), etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var conflict = await (await app.ClientFor("coord-n").PutJsonAsync($"{Visits}/{id}", VisitFiles.Visit(teacher, date: "2026-12-17"), etag)).AssertProblemAsync(409);
        Assert.Contains("Методист Северный", (string?)conflict["detail"]);
        Assert.Equal("2026-12-11", (string?)conflict["current"]!["date"]);
        await (await app.ClientFor("coord-n").PutJsonAsync($"{Visits}/{id}", VisitFiles.Visit(teacher, date: "2026-12-17"))).AssertProblemAsync(428);

        var current = await app.ClientFor("coord-n").GetAsync($"{Visits}/{id}");
        Assert.Equal("2026-12-11", (string?)(await current.ReadJsonAsync())["date"]);
        Assert.Equal(moved.Headers.ETag!.ToString(), current.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ALessonKeepsItsIdWhenTheVisitIsEditedAndItsObserversWriteItsProtocol()
    {
        // School s1: a past visit to s2 would change the candidates list another test of this class reads.
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s1", "s1", "Громова Анна Петровна", "Математика");
        var other = await VisitFiles.TeacherAsync(app, "admin-s1", "s1", "Белов Пётр Ильич", "История");
        var created = await app.ClientFor("coord-n").PostJsonAsync(Visits, new
        {
            schoolId = "s1", date = "2026-11-13", purpose = "Адресная помощь школе по подготовке к ГИА", directions = new[] { "control" },
            team = VisitFiles.Team(),
            lessons = new object[]
            {
                new { teacherId = teacher, subject = "Математика", grade = "9Б", number = 2, date = "2026-11-13", start = "09:00", end = "09:40", observers = new[] { "curator-n" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.ReadJsonAsync();
        var id = (string)visit["id"]!;
        var lessonId = (string)visit["lessons"]![0]!["id"]!;

        // A lesson added before it, sent without ids (as an older page would): the first lesson keeps its id.
        var edited = await app.ClientFor("coord-n").PutJsonAsync($"{Visits}/{id}", new
        {
            schoolId = "s1", date = "2026-11-13", purpose = "Адресная помощь школе по подготовке к ГИА", directions = new[] { "control" },
            team = VisitFiles.Team(),
            lessons = new object[]
            {
                new { teacherId = other, subject = "История", grade = "6А", number = 1, date = "2026-11-13", start = "08:00", end = "08:40", observers = new[] { "teacher-s1" } },
                new { teacherId = teacher, subject = "Математика", grade = "9Б", number = 2, date = "2026-11-13", start = "09:00", end = "09:40", observers = new[] { "curator-n" } },
            },
        }, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var lessons = (await edited.ReadJsonAsync())["lessons"]!.AsArray();
        Assert.Equal(lessonId, (string?)lessons[1]!["id"]);
        Assert.NotEqual(lessonId, (string?)lessons[0]!["id"]);

        // The lesson's observer writes its protocol; a team member who does not observe it reads, a lesson not on the schedule is not found.
        var protocol = $"/api/municipalities/north/schools/s1/visits/{id}/lessons/{lessonId}/observations/curator-n";
        var saved = await app.ClientFor("curator-n").PutJsonAsync(protocol, new
        {
            templateVersion = "2026.1", marks = new Dictionary<string, string?>(), notes = Array.Empty<object>(),
            strengths = "Чёткая постановка цели урока", problems = "", recommendations = "", writtenAt = new DateTimeOffset(2026, 11, 13, 3, 20, 0, TimeSpan.Zero),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await app.ClientFor("methodist-n").GetAsync(protocol);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Чёткая постановка цели урока", (string?)(await read.ReadJsonAsync())["content"]!["strengths"]);
        await (await app.ClientFor("methodist-n").PutJsonAsync(protocol.Replace("curator-n", "methodist-n", StringComparison.Ordinal), new
        {
            templateVersion = "2026.1", marks = new Dictionary<string, string?>(), notes = Array.Empty<object>(), strengths = "", problems = "", recommendations = "",
            writtenAt = new DateTimeOffset(2026, 11, 13, 3, 20, 0, TimeSpan.Zero),
        })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("curator-n").GetAsync(protocol.Replace(lessonId, "lnothere", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("curator-n").GetAsync(protocol.Replace("/schools/s1/", "/schools/s2/", StringComparison.Ordinal))).StatusCode);
    }
}
