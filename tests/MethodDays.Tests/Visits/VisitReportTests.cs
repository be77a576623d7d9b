using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>
/// The report of a visit («справка по итогам методического дня»): assembled from a visit planned through the API and
/// the protocols its observers wrote through the API; its own text kept with an ETag; the .docx; a finding made one
/// item of the school's plan of targeted help; a repeat visit compared with the first.
/// </summary>
public sealed class VisitReportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Visits = "/api/municipalities/north/visits";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _names = new();

    private sealed record Seeded(string Id, string MathLesson, string HistoryLesson, string MathTeacher, string HistoryTeacher)
    {
        public string Report => $"{Visits}/{Id}/report";
    }

    private static object[] Team() =>
    [
        new { personId = "methodist-n", role = "leader" },
        new { personId = "coord-n", role = "analyst" },
        new { personId = "curator-n", role = "observer" },
        new { personId = "admin-s3", role = "observer" },
        new { personId = "admin-s1b", role = "observer" },
        new { personId = "teacher-s1", role = "observer" },
    ];

    private static object Lessons(string date, string math, string history) => new object[]
    {
        new { teacherId = math, subject = "Математика", grade = "9Б", number = 2, date, start = "09:00", end = "09:40", room = "21", observers = new[] { "curator-n", "admin-s3" } },
        new { teacherId = history, subject = "История", grade = "6А", number = 3, date, start = "10:00", end = "10:40", observers = new[] { "admin-s1b" } },
    };

    /// <summary>Plans a visit to s2 on <paramref name="date"/> (the past: protocols are written on the lesson's day) and has its observers write their protocols.</summary>
    private async Task<Seeded> SeedAsync(string date = "2026-11-13", (string Math, string History)? teachers = null, string? repeatOf = null, bool protocols = true)
    {
        var (math, history) = teachers ?? (await TeacherAsync("Громова Анна Петровна", "Математика"), await TeacherAsync("Белов Пётр Ильич", "История"));
        var created = await app.ClientFor("coord-n").PostJsonAsync(Visits, new
        {
            schoolId = "s2", date, purpose = "Адресная помощь школе по формирующему оцениванию", directions = new[] { "methodical", "control" },
            team = Team(), lessons = Lessons(date, math, history), repeatOf,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.ReadJsonAsync();
        var seeded = new Seeded((string)visit["id"]!, (string)visit["lessons"]![0]!["id"]!, (string)visit["lessons"]![1]!["id"]!, math, history);
        if (protocols)
        {
            await ProtocolAsync(seeded, date, "curator-n", seeded.MathLesson, new() { ["goal.1"] = "2", ["formative.2"] = "2", ["activity.1"] = "4" },
                strengths: "Чёткая постановка цели урока", problems: "Учащиеся не знают критериев оценивания", recommendations: "Ввести листы самооценки");
            await ProtocolAsync(seeded, date, "admin-s3", seeded.MathLesson, new() { ["goal.1"] = "1", ["formative.2"] = "1", ["activity.1"] = "3" });
            await ProtocolAsync(seeded, date, "admin-s1b", seeded.HistoryLesson, new() { ["goal.1"] = "0", ["time.1"] = "2" }, strengths: "Хороший темп урока");
        }

        return seeded;
    }

    /// <summary>A teacher of s2's staff list (a name of their own: the tests of the class share the school).</summary>
    private async Task<string> TeacherAsync(string name, string subject)
    {
        var unique = name.Replace(" ", $"{string.Concat(Guid.NewGuid().ToString("n")[..3].Select(c => "абвгдежзиклмнопр"[Convert.ToInt32(c.ToString(), 16)]))} ", StringComparison.Ordinal);
        var id = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", unique, subject);
        _names[id] = unique;
        return id;
    }

    private async Task ProtocolAsync(Seeded v, string date, string observer, string lesson, Dictionary<string, string?> marks, string strengths = "", string problems = "", string recommendations = "")
    {
        var saved = await app.ClientFor(observer).PutJsonAsync($"/api/municipalities/north/schools/s2/visits/{v.Id}/lessons/{lesson}/observations/{observer}", new
        {
            templateVersion = "2026.1", marks, notes = Array.Empty<object>(), strengths, problems, recommendations,
            writtenAt = DateTimeOffset.Parse($"{date}T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static JsonNode? Cell(JsonNode report, string item, string lesson) => report["grid"]!["cells"]![item]![lesson];

    [Fact]
    public async Task TheReportGathersTheLessonsMarksAndAnalysesAndKeepsItsOwnTextWithoutLosingAnyone()
    {
        var v = await SeedAsync();
        var lead = app.ClientFor("methodist-n");
        var answer = await lead.GetAsync(v.Report);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var report = await answer.ReadJsonAsync();
        Assert.Equal("Вторая СОШ", (string?)report["schoolName"]);
        var lessons = report["lessons"]!.AsArray();
        Assert.Equal(2, lessons.Count);
        Assert.Equal(["Куратор Северный", "Администратор Третьей"], lessons[0]!["observers"]!.AsArray().Select(o => (string)o!));
        Assert.Equal(2, (int)lessons[0]!["protocols"]!);

        // Two observers: the mean, with each one's mark; one observer: the mark. Low: the lower half of the item's scale.
        Assert.Equal("1,5", (string?)Cell(report, "goal.1", v.MathLesson)!["value"]);
        Assert.Equal(["1", "2"], Cell(report, "goal.1", v.MathLesson)!["marks"]!.AsArray().Select(m => (string)m!).Order());
        Assert.False((bool)Cell(report, "goal.1", v.MathLesson)!["low"]!);
        Assert.True((bool)Cell(report, "formative.2", v.MathLesson)!["low"]!);
        Assert.Equal("0", (string?)Cell(report, "goal.1", v.HistoryLesson)!["value"]);
        Assert.Null(Cell(report, "formative.2", v.HistoryLesson));
        Assert.Contains("среднее", (string?)report["grid"]!["note"]);

        Assert.Equal(["Чёткая постановка цели урока", "Хороший темп урока"], report["strengths"]!.AsArray().Select(s => (string)s!["text"]!));
        Assert.Equal("Учащиеся не знают критериев оценивания", (string?)report["problems"]![0]!["text"]);
        Assert.Equal("Ввести листы самооценки", (string?)report["recommendations"]![0]!["text"]);
        var findings = report["findings"]!.AsArray().Select(f => (string)f!["id"]!).ToList();
        Assert.Contains($"mark.{v.MathLesson}.formative.2", findings);
        Assert.Contains($"mark.{v.HistoryLesson}.goal.1", findings);
        Assert.Contains($"problem.{v.MathLesson}.curator-n", findings);
        Assert.DoesNotContain($"mark.{v.MathLesson}.goal.1", findings);
        Assert.Empty(report["sections"]!.AsArray());

        // The team lead writes the report's text; the coordinator, who read it at the same time, saves over a stale ETag: 409, nothing lost.
        var etag = answer.Headers.ETag!.ToString();
        var text = new
        {
            summary = "Команда посетила 2 урока.\nОбщее впечатление положительное.",
            conclusions = "Формирующее оценивание применяется не системно.",
            recommendations = new[] { new { id = (string?)null, text = "Провести методический семинар по критериальному оцениванию" } },
            agreements = new[] { new { id = (string?)null, text = "Школа направит план семинара до 1 декабря" } },
        };
        var saved = await lead.PutJsonAsync(v.Report, text, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await saved.ReadJsonAsync();
        Assert.Equal("Школа направит план семинара до 1 декабря", (string?)after["text"]!["agreements"]![0]!["text"]);
        Assert.Contains(after["findings"]!.AsArray(), f => (string?)f!["kind"] == "recommendation" && ((string)f["text"]!).StartsWith("Провести методический семинар", StringComparison.Ordinal));
        Assert.NotEqual(etag, saved.Headers.ETag!.ToString());

        // The same save again (its answer was lost): answered, not a conflict.
        Assert.Equal(HttpStatusCode.OK, (await lead.PutJsonAsync(v.Report, text, etag)).StatusCode);
        var conflict = await (await app.ClientFor("coord-n").PutJsonAsync(v.Report, text with { summary = "Другой текст" }, etag)).AssertProblemAsync(409);
        Assert.Equal("Команда посетила 2 урока.\nОбщее впечатление положительное.", (string?)conflict["current"]!["summary"]);
        Assert.Equal(saved.Headers.ETag!.ToString(), (string?)conflict["etag"]);
        await (await lead.PutJsonAsync(v.Report, text)).AssertProblemAsync(428);

        // Bad input names its fields; nothing is written.
        var bad = await lead.PutJsonAsync(v.Report, new
        {
            summary = new string('а', 8001), conclusions = "",
            recommendations = new[] { new { id = (string?)null, text = new string('б', 2001) } },
            agreements = Enumerable.Range(0, 51).Select(i => new { id = (string?)null, text = $"Договорённость {i}" }).ToArray(),
        }, saved.Headers.ETag!.ToString());
        await bad.AssertProblemAsync(400, "summary", "recommendations.0.text", "agreements");
        Assert.Equal(saved.Headers.ETag!.ToString(), (await lead.GetAsync(v.Report)).Headers.ETag!.ToString());

        // Who reads: the team, the school's curator and (after the visit) its administration; they do not write.
        var curator = await app.ClientFor("curator-n").GetAsync(v.Report);
        Assert.Equal(HttpStatusCode.OK, curator.StatusCode);
        Assert.Null(curator.Headers.ETag);
        Assert.False((bool)(await curator.ReadJsonAsync())["can"]!["canEdit"]!);
        await (await app.ClientFor("curator-n").PutJsonAsync(v.Report, text, etag)).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s2").GetAsync(v.Report)).StatusCode);
        // A teacher — even one on the team — never reads it (colleagues' marks); another school does not find it; another municipality is refused.
        Assert.Contains("педагогам она недоступна", (string?)(await (await app.ClientFor("teacher-s1").GetAsync(v.Report)).AssertProblemAsync(403))["detail"]);
        await (await app.ClientFor("teacher-s1").GetAsync($"{v.Report}/docx")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").GetAsync(v.Report)).AssertProblemAsync(404);
        await (await app.ClientFor("coord-s").GetAsync(v.Report)).AssertProblemAsync(403);
        await (await lead.GetAsync($"{Visits}/nosuchvisit/report")).AssertProblemAsync(404);

        // Before the visit's day the school's administration does not read it yet.
        var future = await SeedAsync(date: "2026-12-03", teachers: (v.MathTeacher, v.HistoryTeacher), protocols: false);
        Assert.Contains("после «Методического дня»", (string?)(await (await app.ClientFor("admin-s2").GetAsync(future.Report)).AssertProblemAsync(403))["detail"]);
    }

    [Fact]
    public async Task TheDocxIsAWordDocumentWithTheReportsHeadingsTablesAndLists()
    {
        var v = await SeedAsync();
        var lead = app.ClientFor("methodist-n");
        var etag = (await lead.GetAsync(v.Report)).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await lead.PutJsonAsync(v.Report, new
        {
            summary = "Команда посетила 2 урока.", conclusions = "Нужна помощь по формирующему оцениванию.",
            recommendations = new[] { new { id = (string?)null, text = "Провести семинар по критериальному оцениванию" } },
            agreements = new[] { new { id = (string?)null, text = "Школа направит план семинара до 1 декабря" }, new { id = (string?)null, text = "Повторное посещение — в феврале" } },
        }, etag)).StatusCode);

        var answer = await app.ClientFor("admin-s2").GetAsync($"{v.Report}/docx");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", answer.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".docx", answer.Content.Headers.ContentDisposition?.FileNameStar ?? answer.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var document = WordprocessingDocument.Open(new MemoryStream(await answer.Content.ReadAsByteArrayAsync()), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        Assert.Equal("Справка по итогам «Методического дня»", paragraphs[0].InnerText);
        Assert.Equal("Title", StyleOf(paragraphs[0]));
        Assert.Equal("Вторая СОШ", paragraphs[1].InnerText);
        Assert.Equal("Дата посещения: 13 ноября 2026 г.", paragraphs[2].InnerText);
        Assert.Equal("Направления: методическая работа; внутришкольный контроль", paragraphs[4].InnerText);
        var headings = paragraphs.Where(p => StyleOf(p) == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(
            ["Состав муниципальной команды", "Общие итоги", "Посещённые уроки", "Отметки по протоколам наблюдения", "Сильные стороны", "Проблемы", "Рекомендации", "Выводы", "Договорённости", "Адресная помощь"],
            headings);
        Assert.NotNull(document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Heading1"));

        // The lists are Word's bulleted lists, in the report's order.
        List<string> ListAfter(string heading)
        {
            var start = paragraphs.FindIndex(p => p.InnerText == heading && StyleOf(p).StartsWith("Heading", StringComparison.Ordinal));
            return [.. paragraphs.Skip(start + 1).TakeWhile(p => p.ParagraphProperties?.NumberingProperties is not null).Select(p => p.InnerText)];
        }

        Assert.Equal(["Школа направит план семинара до 1 декабря", "Повторное посещение — в феврале"], ListAfter("Договорённости"));
        Assert.Equal(
            [$"{Teacher(v, true)}: Чёткая постановка цели урока (Куратор Северный)", $"{Teacher(v, false)}: Хороший темп урока (Заместитель Первой)"],
            ListAfter("Сильные стороны"));
        Assert.Equal([$"{Teacher(v, true)}: Учащиеся не знают критериев оценивания (Куратор Северный)"], ListAfter("Проблемы"));
        Assert.Equal(["Провести семинар по критериальному оцениванию"], ListAfter("По итогам посещения"));
        Assert.Contains(paragraphs, p => p.InnerText == "Нужна помощь по формирующему оцениванию.");

        // The lessons table and the marks table, cell by cell.
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(2, tables.Count);
        string[][] Cells(Table t) => [.. t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())];
        var lessons = Cells(tables[0]);
        Assert.Equal(["№", "Педагог", "Предмет", "Класс", "Время", "Наблюдатели"], lessons[0]);
        Assert.Equal(["2", Teacher(v, true), "Математика", "9Б", "09:00–09:40", "Куратор Северный, Администратор Третьей"], lessons[1]);
        Assert.Equal(["3", Teacher(v, false), "История", "6А", "10:00–10:40", "Заместитель Первой"], lessons[2]);
        var marks = Cells(tables[1]);
        Assert.Equal(["Пункт протокола", $"{Teacher(v, true)}, Математика, 9Б", $"{Teacher(v, false)}, История, 6А"], marks[0]);
        Assert.Equal(20, marks.Length); // the header and the 19 items of template 2026.1 that take a mark (two take only a note)
        var goal = marks.Single(r => r[0].StartsWith("Цель урока сформулирована", StringComparison.Ordinal));
        Assert.Equal(["1,5 (1 и 2)", "0"], goal[1..]);
        Assert.EndsWith("(из 2)", goal[0]);
        var formative = marks.Single(r => r[0].StartsWith("Используются приёмы обратной связи", StringComparison.Ordinal));
        Assert.Equal(["1,5 (1 и 2)", "—"], formative[1..]);
    }

    [Fact]
    public async Task TheReviewOfDocumentsDirectionsAndTheInterviewAreSectionsOfTheReportAndItsDocx()
    {
        var v = await SeedAsync(protocols: false);
        var lead = app.ClientFor("methodist-n");
        var review = VisitReviews.Review(v.Id);
        Assert.Equal(HttpStatusCode.OK, (await lead.PutJsonAsync($"{review}/documents/attestation-rules", new { verdict = "partly", remarks = "Нет порядка учёта результатов ВПР.", providedOnSite = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PutJsonAsync($"{review}/directions/control", new { strengths = "План ВШК составлен на год.", problems = "Контроль не доходит до уроков математики." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PutJsonAsync($"{review}/interview", new
        {
            date = "2026-11-13", participants = "Директор, заместитель по УВР", problemDirections = new[] { "control" },
            agreements = new[] { "Включить уроки математики в план ВШК до 20 декабря" },
        })).StatusCode);

        var report = await (await lead.GetAsync(v.Report)).ReadJsonAsync();
        var sections = report["sections"]!.AsArray();
        Assert.Equal(["documents", "directions", "interview"], sections.Select(x => (string)x!["code"]!).ToArray());
        Assert.Equal("Представлено документов: 1 из 7. Заключения эксперта: частично соответствует — 1.", (string?)sections[0]!["paragraphs"]![0]);
        Assert.Contains(sections[0]!["items"]!.AsArray(), x => (string?)x == "Положение о проведении промежуточной аттестации и текущего контроля: представлен; частично соответствует. Нет порядка учёта результатов ВПР."
            || ((string)x!).StartsWith("Положение о", StringComparison.Ordinal) && ((string)x!).EndsWith("частично соответствует. Нет порядка учёта результатов ВПР.", StringComparison.Ordinal));
        Assert.Equal("Внутришкольный контроль. Сильные стороны: План ВШК составлен на год. Проблемы: Контроль не доходит до уроков математики.", (string?)sections[1]!["items"]![0]);
        Assert.Equal(["Включить уроки математики в план ВШК до 20 декабря"], sections[2]!["items"]!.AsArray().Select(x => (string)x!).ToArray());

        using var document = WordprocessingDocument.Open(new MemoryStream(await (await lead.GetAsync($"{v.Report}/docx")).Content.ReadAsByteArrayAsync()), false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("Экспертиза нормативно-правовой базы", paragraphs);
        Assert.Contains("Собеседование с администрацией", paragraphs);
        Assert.Contains("Включить уроки математики в план ВШК до 20 декабря", paragraphs);
        Assert.Contains("Обсуждённые проблемные направления: внутришкольный контроль.", paragraphs);
    }

    private string Teacher(Seeded v, bool math) => _names[math ? v.MathTeacher : v.HistoryTeacher];

    [Fact]
    public async Task AFindingBecomesOneItemOfTheSchoolsHelpPlanLinkedBackToTheVisit()
    {
        var v = await SeedAsync();
        var lead = app.ClientFor("methodist-n");
        var finding = $"mark.{v.MathLesson}.formative.2";
        var input = new { findingId = finding, action = "Консультация по приёмам обратной связи на уроке", responsible = "Методист Северный", dueDate = "2026-12-15" };
        var first = await lead.PostJsonAsync($"{v.Report}/help-items", input);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var item = await first.ReadJsonAsync();
        Assert.Equal(v.Id, (string?)item["visit"]!["visitId"]);
        Assert.Equal("2026-11-13", (string?)item["visit"]!["date"]);
        Assert.Equal(finding, (string?)item["visit"]!["findingId"]);
        Assert.Equal("teacher", (string?)item["recipient"]!["kind"]);
        Assert.Equal(v.MathTeacher, (string?)item["recipient"]!["teacherId"]);

        // The same finding again (a second click, a retry): the same item, not a second one.
        var again = await lead.PostJsonAsync($"{v.Report}/help-items", input with { action = "Другой текст" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string?)item["id"], (string?)(await again.ReadJsonAsync())["id"]);

        // Two at once for another finding: one item.
        var problem = $"problem.{v.MathLesson}.curator-n";
        var both = await Task.WhenAll(
            lead.PostJsonAsync($"{v.Report}/help-items", input with { findingId = problem }),
            app.ClientFor("coord-n").PostJsonAsync($"{v.Report}/help-items", input with { findingId = problem }));
        Assert.All(both, r => Assert.True(r.IsSuccessStatusCode));

        var plan = await (await app.ClientFor("admin-s2").GetAsync("/api/municipalities/north/schools/s2/help-plan")).ReadJsonAsync();
        var fromVisit = plan["items"]!.AsArray().Where(i => (string?)i!["visit"]?["visitId"] == v.Id).ToList();
        Assert.Equal(2, fromVisit.Count);
        Assert.Single(fromVisit, i => (string?)i!["visit"]!["findingId"] == finding);

        // The report shows which findings became items.
        var report = await (await lead.GetAsync(v.Report)).ReadJsonAsync();
        var made = report["findings"]!.AsArray().Where(f => f!["helpItem"] is not null).Select(f => (string)f!["id"]!).Order().ToList();
        Assert.Equal(new[] { finding, problem }.Order(), made);
        Assert.Equal("Запланировано", (string?)report["findings"]!.AsArray().First(f => (string?)f!["id"] == finding)!["helpItem"]!["statusLabel"]);

        // Bad input names its field; nobody outside the help plan's keepers adds items.
        await (await lead.PostJsonAsync($"{v.Report}/help-items", new { findingId = $"mark.{v.HistoryLesson}.goal.1", action = "Помощь", responsible = "Методист", dueDate = "15.12.2026" }))
            .AssertProblemAsync(400, "dueDate");
        await (await lead.PostJsonAsync($"{v.Report}/help-items", input with { findingId = "mark.nolesson.goal.1" })).AssertProblemAsync(400, "findingId");
        await (await lead.PostJsonAsync($"{v.Report}/help-items", input with { findingId = "../x" })).AssertProblemAsync(400, "findingId");
        await (await app.ClientFor("admin-s2").PostJsonAsync($"{v.Report}/help-items", input with { findingId = $"mark.{v.HistoryLesson}.goal.1" })).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s3").PostJsonAsync($"{v.Report}/help-items", input with { findingId = $"mark.{v.HistoryLesson}.goal.1" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task ARepeatVisitComparesTheMarksItemByItemAndShowsTheFirstVisitsHelpItems()
    {
        var first = await SeedAsync(date: "2026-11-10");
        var lead = app.ClientFor("methodist-n");
        var made = await (await lead.PostJsonAsync($"{first.Report}/help-items", new
        {
            findingId = $"mark.{first.MathLesson}.formative.2", action = "Консультация по приёмам обратной связи", responsible = "Методист Северный", dueDate = "2026-12-15",
        })).ReadJsonAsync();

        // The school's plan keeps the item; an edit there keeps its link to the visit.
        var itemUrl = $"/api/municipalities/north/schools/s2/help-plan/{(string)made["id"]!}";
        var edited = await app.ClientFor("curator-n").PutJsonAsync(itemUrl, new
        {
            action = (string)made["action"]!, responsible = "Методист Северный", dueDate = "2026-12-15", status = "inProgress",
        }, (string)made["eTag"]!);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(first.Id, (string?)(await edited.ReadJsonAsync())["visit"]!["visitId"]);

        // A repeat visit names the first; one of another school cannot.
        var bad = await app.ClientFor("coord-n").PostJsonAsync(Visits, new
        {
            schoolId = "s2", date = "2026-11-14", purpose = "Повторное посещение", directions = new[] { "methodical" }, team = Team(),
            lessons = Array.Empty<object>(), repeatOf = "nosuchvisit",
        });
        await bad.AssertProblemAsync(400, "repeatOf");
        var repeat = await SeedAsync(date: "2026-11-14", teachers: (first.MathTeacher, first.HistoryTeacher), repeatOf: first.Id, protocols: false);
        Assert.Equal(first.Id, (string?)(await (await lead.GetAsync($"{Visits}/{repeat.Id}")).ReadJsonAsync())["repeatOf"]);
        await ProtocolAsync(repeat, "2026-11-14", "curator-n", repeat.MathLesson, new() { ["goal.1"] = "2", ["formative.2"] = "4", ["activity.1"] = "3" });
        await ProtocolAsync(repeat, "2026-11-14", "admin-s1b", repeat.HistoryLesson, new() { ["goal.1"] = "0" });

        var report = await (await lead.GetAsync(repeat.Report)).ReadJsonAsync();
        Assert.Equal(first.Id, (string?)report["repeatOf"]!["id"]);
        var comparison = report["comparison"]!;
        Assert.Equal("2026-11-10", (string?)comparison["firstDate"]);
        JsonNode Row(string teacher, string item) => comparison["rows"]!.AsArray().Single(r => (string?)r!["teacherId"] == teacher && (string?)r["itemId"] == item)!;
        Assert.Equal(("1,5", "4", "better"), ((string?)Row(first.MathTeacher, "formative.2")["before"], (string?)Row(first.MathTeacher, "formative.2")["now"], (string?)Row(first.MathTeacher, "formative.2")["change"]));
        Assert.Equal(("3,5", "3", "worse"), ((string?)Row(first.MathTeacher, "activity.1")["before"], (string?)Row(first.MathTeacher, "activity.1")["now"], (string?)Row(first.MathTeacher, "activity.1")["change"]));
        Assert.Equal("same", (string?)Row(first.HistoryTeacher, "goal.1")["change"]);
        Assert.Equal(("2", (string?)null, "gone"), ((string?)Row(first.HistoryTeacher, "time.1")["before"], (string?)Row(first.HistoryTeacher, "time.1")["now"], (string?)Row(first.HistoryTeacher, "time.1")["change"]));
        var help = comparison["helpItems"]!.AsArray().Single()!;
        Assert.Equal("inProgress", (string?)help["status"]);
        Assert.Equal("Выполняется", (string?)help["statusLabel"]);

        // The .docx carries the comparison too.
        using var document = WordprocessingDocument.Open(new MemoryStream(await (await lead.GetAsync($"{repeat.Report}/docx")).Content.ReadAsByteArrayAsync()), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == "Сравнение с посещением 10 ноября 2026 г.");
        var table = body.Elements<Table>().Last().Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["Педагог", "Пункт протокола", "Тогда", "Сейчас", "Изменение"], table[0]);
        Assert.Contains(table, r => r[2] == "1,5" && r[3] == "4" && r[4] == "выше" && r[1].StartsWith("Используются приёмы обратной связи", StringComparison.Ordinal));
    }
}
