using System.Net;
using System.Text;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>Bad progress sheets get problem+json with Russian messages and the fields to fix — and nothing is written.</summary>
public sealed class ProgressValidationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EveryBadFieldIsNamedAndNothingIsStored()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutJsonAsync(Url("s1", "2026-10"), new
        {
            days = new object[]
            {
                new { date = "2026-09-30", form = "workshop", sharePercent = 80 },
                new { date = "2026-10-08", form = "dance", sharePercent = 120 },
                new { date = "08.10.2026", form = "seminar", sharePercent = -1 },
            },
            requests = new[] { new { topic = new string('т', 201), text = "Помогите" } },
            teachers = new object[]
            {
                new { name = "Иванова Анна Петровна", practice = "Лист самооценки", stage = "expert" },
                new { personId = "admin-s1", practice = "Лист самооценки", stage = "trying" },
            },
        });

        var problem = await response.AssertProblemAsync(400,
            "days[0].date", "days[1].form", "days[1].sharePercent", "days[2].date", "days[2].sharePercent",
            "requests[0].topic", "teachers[0].stage", "teachers[1].personId");
        Assert.Contains("октябрь 2026", (string?)problem["errors"]!["days[0].date"]![0]);
        Assert.Contains("от 0 до 100", (string?)problem["errors"]!["days[1].sharePercent"]![0]);
        Assert.Contains("Делюсь опытом".ToLowerInvariant(), (string?)problem["errors"]!["teachers[0].stage"]![0]);
        Assert.Empty(await RowsAsync(app, "s1", "2026-10"));
    }

    [Fact]
    public async Task IncompleteSubmissionNamesEveryMissingFieldButTheSameSheetSavesAsADraft()
    {
        var admin = app.ClientFor("admin-s1");
        var body = new
        {
            days = new[] { new { date = "2026-09-03", form = "other", sharePercent = (double?)50 }, new { date = "2026-09-10", form = "seminar", sharePercent = (double?)null } },
            decisions = new[] { "Провести взаимопосещение", " " },
            requests = new[] { new { topic = "ВПР", text = (string?)null } },
            teachers = new object[] { new { name = "Иванова Анна Петровна" }, new { practice = "Кейс-метод", stage = "using" } },
        };

        var response = await admin.PostJsonAsync(Url("s1", "2026-09") + "/submit", body);
        var problem = await response.AssertProblemAsync(400,
            "days[0].formOther", "days[1].sharePercent", "decisions[1]", "requests[0].text",
            "teachers[0].practice", "teachers[0].stage", "teachers[1].name");
        Assert.Contains("не полностью", (string?)problem["detail"]);
        Assert.Empty(await RowsAsync(app, "s1", "2026-09"));

        var draft = await admin.PutJsonAsync(Url("s1", "2026-09"), body);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("draft", (string?)(await draft.ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task SubmissionNeedsAMethodicalDayOrTheReasonThereWasNone()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Url("s2", "2026-08") + "/submit";
        var teachers = new[] { Teacher("Иванова Анна Петровна", "studying") };

        var none = await (await admin.PostJsonAsync(url, new { teachers })).AssertProblemAsync(400, "days");
        Assert.Contains("не проводился", (string?)none["errors"]!["days"]![0]);
        await (await admin.PostJsonAsync(url, new { noDays = true, teachers })).AssertProblemAsync(400, "noDaysReason");
        await (await admin.PostJsonAsync(url, new { noDays = true, noDaysReason = "Каникулы", days = new[] { Day("2026-08-06") }, teachers })).AssertProblemAsync(400, "noDays");
        await (await admin.PostJsonAsync(url, new { days = new[] { Day("2026-08-06") } })).AssertProblemAsync(400, "teachers");
        Assert.Empty(await RowsAsync(app, "s2", "2026-08"));
    }

    [Fact]
    public async Task AMethodicalDayCannotBeReportedBeforeItIsHeld()
    {
        // The fake clock says 15 November 2026.
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Url("s1", "2026-11"), new { days = new[] { Day("2026-11-19") } })).AssertProblemAsync(400, "days[0].date");
        Assert.Contains("ещё не наступило", (string?)problem["errors"]!["days[0].date"]![0]);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync(Url("s1", "2026-11"), new { days = new[] { Day("2026-11-12") } })).StatusCode);
    }

    [Fact]
    public async Task TheSameTeacherTwiceIsNamed()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutJsonAsync(Url("s1", "2026-07"), new
        {
            teachers = new[]
            {
                Member("teacher-s1", "trying"), Member("teacher-s1", "using"),
                Teacher("Иванова Анна Петровна", "trying"), Teacher("ИВАНОВА Анна Пётровна", "using"),
            },
        });
        await response.AssertProblemAsync(400, "teachers[1].personId", "teachers[3].name");
        Assert.Empty(await RowsAsync(app, "s1", "2026-07"));
    }

    [Fact]
    public async Task TooManyRowsIsOneErrorOnTheList()
    {
        var admin = app.ClientFor("admin-s1");
        var days = Enumerable.Range(1, 11).Select(d => Day($"2026-06-{d:D2}")).ToArray();
        var problem = await (await admin.PutJsonAsync(Url("s1", "2026-06"), new { days })).AssertProblemAsync(400, "days");
        Assert.Contains("не больше 10", (string?)problem["errors"]!["days"]![0]);
    }

    [Theory]
    [InlineData("2026-12", "будущий месяц")] // the fake clock says November 2026
    [InlineData("2026-13", "ГГГГ-ММ")]
    [InlineData("november", "ГГГГ-ММ")]
    public async Task MonthMustBeWellFormedAndNotInTheFuture(string month, string hint)
    {
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Url("s1", month), new { })).AssertProblemAsync(400, "month");
        Assert.Contains(hint, (string?)problem["errors"]!["month"]![0]);
        await (await admin.GetAsync(Url("s1", month))).AssertProblemAsync(400, "month");
    }

    [Fact]
    public async Task UnknownTemplateVersionIsRefused()
    {
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Url("s1", "2026-05"), new { templateVersion = "1999.1" })).AssertProblemAsync(400, "templateVersion");
        Assert.Contains("2026.1", (string?)problem["errors"]!["templateVersion"]![0]);
        Assert.Empty(await RowsAsync(app, "s1", "2026-05"));
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestNotAServerError()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutAsync(Url("s1", "2026-04"), new StringContent("{\"days\": [{\"date\": ", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("JSON", (string?)problem["detail"]);
        var shape = await admin.PutAsync(Url("s1", "2026-04"), new StringContent("{\"days\": {\"date\": 1}}", Encoding.UTF8, "application/json"));
        await shape.AssertProblemAsync(400);
        Assert.Empty(await RowsAsync(app, "s1", "2026-04"));
    }

    [Fact]
    public async Task OversizedBodyIsRefusedBeforeItIsRead()
    {
        var admin = app.ClientFor("admin-s1");
        var huge = "{\"difficulties\":\"" + new string('я', 100_000) + "\"}";
        var response = await admin.PostAsync(Url("s1", "2026-03") + "/submit", new StringContent(huge, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(413);
        Assert.Contains("КБ", (string?)problem["detail"]);
        Assert.Empty(await RowsAsync(app, "s1", "2026-03"));
    }

    [Fact]
    public async Task TextOverItsLengthIsNamed()
    {
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Url("s1", "2026-02"), new { difficulties = new string('з', 4001), noDaysReason = new string('п', 1001) }))
            .AssertProblemAsync(400, "difficulties", "noDaysReason");
        Assert.Contains("4000", (string?)problem["errors"]!["difficulties"]![0]);
    }

    [Fact]
    public async Task UnknownSchoolIsNotFound()
    {
        await (await app.ClientFor("coord-n").GetAsync(Url("nope", "2026-04"))).AssertProblemAsync(404);
    }
}
