using System.Net;
using System.Text.RegularExpressions;
using MethodDays.Features.Notifications;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.SelfAssessment;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Notifications;

/// <summary>
/// Every kind of notice as people read it (subject and text, as the feed and the e-mail show them), the board's
/// column headers and the calendar's descriptions: the forms of the words. A weekday after «до» is in the genitive,
/// no week code, no IANA zone, abbreviations keep their capitals, flags are not doubled, no dangling «·».
/// </summary>
public sealed partial class NoticeWordingTests(PublicAddressFactory app) : IClassFixture<PublicAddressFactory>
{
    private const string Week = "2026-W48"; // 23–29 November 2026; north is Asia/Omsk, UTC+6

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryNoticeKindTheBoardAndTheCalendarReadAsRussian()
    {
        app.Clock.SetUtcNow(Utc(11, 23, 0));
        await SetCycleAsync();
        await Notices.PublishTopicAsync(app, "coord-n", "north", Week, title: "Формирующее оценивание на уроках ЕМД");

        // A comment on a sheet, and a practice sent to review and accepted.
        var template = app.Service<SheetTemplates>().Current;
        var sheet = Sheets.Url("s1", "2026-10");
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PostJsonAsync(sheet + "/submit", new { values = Sheets.Scoring(template, 90) })).StatusCode);
        Assert.True((await app.ClientFor("curator-n").PostJsonAsync(sheet + "/comments", new { text = "Обсудим показатель 2.9 в четверг." })).IsSuccessStatusCode);
        var teacher = app.ClientFor("teacher-s1");
        var practice = await Practices.CreateAsync(teacher);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostAsync($"{Practices.Base}/{practice}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").PostJsonAsync($"{Practices.Base}/{practice}/review", new { action = "accept" })).StatusCode);

        // A teacher's route with an item due on 25 November and not done: its reminder on the 26th.
        var staff = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Маршрутова Елена Викторовна", subjects = new[] { "Математика" }, category = "first", position = "учитель", personId = "teacher-s1" });
        var routeTeacher = (string)(await staff.ReadJsonAsync())["id"]!;
        var route = await app.ClientFor("admin-s1").PutJsonAsync($"/api/municipalities/north/schools/s1/routes/{routeTeacher}/2026-27", new
        {
            tutorMemberId = "admin-s1b",
            items = new[] { new { competence = "methodical", content = "Семинар «Формирующее оценивание»", form = "seminar", hours = 18, startDate = "2026-11-02", endDate = "2026-11-25" } },
        });
        Assert.Equal(HttpStatusCode.Created, route.StatusCode);

        var notices = new List<NotificationMessage>();
        for (var at = Utc(11, 23, 0); at <= Utc(12, 1, 6); at = at.AddHours(1))
        {
            app.Clock.SetUtcNow(at);
            if (at == Utc(11, 25, 6))
            {
                await AskAndAnswerAsync();

                // A visit planned to a school: its team and the school's administration are told.
                var visitTeacher = await MethodDays.Tests.Visits.VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Визитова Анна Петровна", "Математика");
                var planned = await app.ClientFor("methodist-n").PostJsonAsync("/api/municipalities/north/visits", MethodDays.Tests.Visits.VisitFiles.Visit(visitTeacher,
                    team: [new { personId = "methodist-n", role = "leader" }, new { personId = "curator-n", role = "observer" }]));
                Assert.Equal(HttpStatusCode.Created, planned.StatusCode);

                // Experience the team found worth spreading: the school is invited to submit it to the bank.
                var review = $"/api/municipalities/north/visits/{(string)(await planned.ReadJsonAsync())["id"]!}/review/experience";
                var experience = await app.ClientFor("methodist-n").PostJsonAsync(review, new { kind = "teacher", teacherId = visitTeacher, description = "Приёмы формирующего оценивания на уроках математики" });
                Assert.Equal(HttpStatusCode.Created, experience.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").PostAsync($"{review}/{(string)(await experience.ReadJsonAsync())["id"]!}/invitation", null)).StatusCode);

                // A school applies for the methodical subscription and is agreed: the municipality, then the school, are told.
                var applied = await app.ClientFor("admin-s2").PostJsonAsync("/api/municipalities/north/schools/s2/subscription/applications",
                    new { year = "2026-2027", criteria = new[] { "request", "vpr" }, justification = "Итоги ВПР по математике ниже муниципальных." });
                Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PostJsonAsync("/api/municipalities/north/subscription/applications/2026-2027.s2/answer",
                    new { decision = "agreed" })).StatusCode);
            }

            await Notices.TickAsync(app);
            var routes = await app.Service<MethodDays.Platform.Host.FunctionInvoker>().InvokeAsync(
                MethodDays.Features.Routes.RouteReminderTimer.Name, new MethodDays.Platform.Host.InvocationRequest(), null, CancellationToken.None);
            Assert.True(routes.Succeeded);
            notices.AddRange(await Notices.DrainAsync(app));
        }

        Assert.Equal(Enum.GetValues<NotificationKind>().Order(), notices.Select(n => n.Kind).Distinct().Order());

        // The forms that were wrong: «до четверг», «истёк среда», «емд», Asia/Omsk.
        var remind = notices.First(n => n.Kind == NotificationKind.Reminder && n.Text.Contains("Обсуждение", StringComparison.Ordinal));
        Assert.Contains("Отметить можно до пятницы, 27 ноября, 23:59.", remind.Text);
        Assert.Contains("(омское время, UTC+6)", remind.Text);
        var overdue = notices.First(n => n.Kind == NotificationKind.Overdue && n.Text.Contains("выбирает форму", StringComparison.Ordinal));
        Assert.Contains("истёк в пятницу, 27 ноября, в 10:00 (омское время, UTC+6)", overdue.Text);
        var topic = notices.First(n => n.Kind == NotificationKind.TopicPublished);
        Assert.Contains("на неделю 23–29 ноября 2026", topic.Text);
        Assert.Contains("Ближайший срок: школа выбирает форму проведения ЕМД на четверг следующей недели — пятница, 27 ноября, 10:00 (омское время, UTC+6).", topic.Text);

        foreach (var n in notices)
        {
            AssertReadsWell($"{n.Kind} «{n.Subject}»", n.Subject);
            AssertReadsWell($"{n.Kind} «{n.Subject}»", n.Text);
        }

        // The board's column headers: «до» and the deadline.
        var board = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/board")).ReadJsonAsync();
        var headers = board["columns"]!.AsArray().Select(c => (string)c!["localUntil"]!).ToList();
        Assert.Contains("до пятницы, 27 ноября, 10:00", headers);
        Assert.Contains("до пятницы, 27 ноября, 23:59", headers);
        Assert.Contains("до понедельника, 30 ноября, 11:00", headers);
        Assert.All(headers, h => AssertReadsWell("board", h));

        var link = (string)(await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/schools/s1/calendar")).ReadJsonAsync())["url"]!;
        var ics = (await app.AnonymousClient().GetStringAsync(new Uri(link).PathAndQuery)).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("(омское время\\, UTC+6)", ics);
        foreach (var line in ics.Split("\r\n").Where(l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal) || l.StartsWith("SUMMARY:", StringComparison.Ordinal)))
        {
            AssertReadsWell("calendar", line.Replace("\\,", ",", StringComparison.Ordinal));
        }
    }

    /// <summary>What no text a person reads may contain.</summary>
    internal static void AssertReadsWell(string where, string text)
    {
        Assert.False(NominativeAfterUntil().IsMatch(text), $"{where}: a nominative weekday after «до»: {text}");
        Assert.False(WeekCode().IsMatch(text), $"{where}: a raw week code: {text}");
        Assert.False(IanaZone().IsMatch(text), $"{where}: an IANA zone: {text}");
        Assert.False(LowerAbbreviation().IsMatch(text), $"{where}: a lower-case abbreviation: {text}");
        Assert.False(DoubledFlag().IsMatch(text), $"{where}: a doubled flag: {text}");
        Assert.DoesNotContain("· ·", text, StringComparison.Ordinal);
        Assert.False(text.TrimEnd().EndsWith('·') || text.TrimStart().StartsWith('·'), $"{where}: a dangling «·»: {text}");
        Assert.False(IstekNominative().IsMatch(text), $"{where}: «истёк» with a nominative weekday: {text}");
    }

    private async Task SetCycleAsync()
    {
        var steps = new object[]
        {
            new { id = "publish", kind = "Publish", title = "Публикация темы", weekOffset = 0, weekday = "Wednesday", time = "09:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "curator-meeting", kind = "CuratorMeeting", title = "Обсуждение содержания ЕМД куратора с административной командой", weekOffset = 0, weekday = "Thursday", time = "15:00", actor = "Curator", remindBeforeHours = 2, overdueNotice = true, deadline = new { weekOffset = 0, weekday = "Friday", time = "23:59" } },
            new { id = "form", kind = "Form", title = "Школа выбирает форму проведения ЕМД на четверг следующей недели", weekOffset = 0, weekday = "Friday", time = "10:00", actor = "School", remindBeforeHours = 20, overdueNotice = true },
            new { id = "questions", kind = "Questions", title = "Вопросы по видеосеминарам муниципальному координатору", weekOffset = 1, weekday = "Monday", time = "11:00", actor = "School", remindBeforeHours = 24, overdueNotice = true },
        };
        var response = await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/cycle", new { title = "Цикл со сроками", steps });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AskAndAnswerAsync()
    {
        var asked = await app.ClientFor("admin-s1").PostJsonAsync($"/api/municipalities/north/schools/s1/weeks/{Week}/questions", new { text = "Как вести лист продвижения?" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var agenda = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/agenda")).ReadJsonAsync();
        var questionId = (string)agenda["groups"]![0]!["schools"]![0]!["questions"]![0]!["id"]!;
        var url = $"/api/municipalities/north/weeks/{Week}/questions/{Uri.EscapeDataString(questionId)}/answer";
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PutJsonAsync(url, new { answer = "Смотрите видеосеминар 2." })).StatusCode);
    }

    [GeneratedRegex(@"\bдо (понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b")]
    private static partial Regex NominativeAfterUntil();

    [GeneratedRegex(@"\b\d{4}-W\d{2}\b")]
    private static partial Regex WeekCode();

    [GeneratedRegex(@"\b(Europe|Asia|America|Africa|Etc)/[A-Za-z_]+")]
    private static partial Regex IanaZone();

    [GeneratedRegex(@"(?<![\p{L}])(емд|вкс|шнор|прш|оош|сош)(?![\p{L}])")]
    private static partial Regex LowerAbbreviation();

    [GeneratedRegex(@"\b(ШНОР|ПРШ|ООШ|СОШ), \1\b")]
    private static partial Regex DoubledFlag();

    [GeneratedRegex(@"истёк (понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)")]
    private static partial Regex IstekNominative();
}
