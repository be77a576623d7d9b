using System.Net;
using MethodDays.Features.Notifications;
using MethodDays.Features.Visits;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Visits;

/// <summary>
/// The review of a visit against Azurite: the school uploads the documents it is asked for, the document expert gives
/// verdicts, the team writes the five directions' findings, experience worth spreading and the interview; the school
/// reads them from the day after the visit; concurrent saves conflict and nothing is lost; who reaches what.
/// </summary>
public sealed class VisitReviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A visit ten days after the test's clock: its date, 11:00 of its day in Omsk (UTC+6), and the same hour a day later.</summary>
    private (string Date, DateTimeOffset Day, DateTimeOffset After) Dates()
    {
        var date = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddDays(10).UtcDateTime);
        var day = new DateTimeOffset(date.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero);
        return (date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day, day.AddDays(1));
    }

    [Fact]
    public async Task TheSchoolSeesWhatToProvideUploadsItAndBadFilesAreRefused()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var school = app.ClientFor("admin-s2");
        var review = await (await school.GetAsync(VisitReviews.Review(visit))).ReadJsonAsync();
        Assert.False((bool)review["findingsVisible"]!);
        Assert.Equal(dates.After.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)review["findingsFrom"]);
        Assert.True((bool)review["can"]!["upload"]!);
        Assert.False((bool)review["can"]!["judge"]!);
        Assert.Equal(
            ["Положение о проведении промежуточной аттестации и текущего контроля", "Положение о внутренней системе оценки качества", "График оценочных процедур",
             "Приказы", "Дорожные карты", "Протоколы педагогических советов", "Другие документы"],
            review["documents"]!.AsArray().Select(d => (string)d!["title"]!).ToArray());
        Assert.All(review["documents"]!.AsArray(), d => Assert.False((bool)d!["provided"]!));

        var pdf = VisitReviews.Pdf("Положение о ВСОКО");
        var started = await school.StartUploadAsync(visit, "quality-system-rules", "Положение о ВСОКО.pdf", pdf.Length);
        Assert.True(started.StatusCode == HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var upload = (string)(await started.ReadJsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "quality-system-rules", upload, 0, pdf)).StatusCode);
        var completed = await school.CompleteUploadAsync(visit, "quality-system-rules", upload);
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        var fileId = (string)(await completed.ReadJsonAsync())["file"]!["id"]!;
        // The completion again (the answer was lost), and a block sent again after it: still one file.
        var again = await (await school.CompleteUploadAsync(visit, "quality-system-rules", upload)).ReadJsonAsync();
        Assert.Equal(fileId, (string?)again["file"]!["id"]);
        Assert.Equal("complete", (string?)again["state"]);
        await (await school.SendBlockAsync(visit, "quality-system-rules", upload, 0, pdf)).AssertProblemAsync(409);
        review = await (await school.GetAsync(VisitReviews.Review(visit))).ReadJsonAsync();
        var doc = review["documents"]!.AsArray().Single(d => (string?)d!["code"] == "quality-system-rules")!;
        Assert.True((bool)doc["provided"]!);
        Assert.Equal("Положение о ВСОКО.pdf", (string?)doc["files"]![0]!["name"]);
        Assert.Single(doc["files"]!.AsArray());
        var download = await school.GetAsync($"{VisitReviews.Review(visit)}/documents/quality-system-rules/files/{fileId}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // Not allowed: a program renamed to .pdf (refused at its first block), an archive, an unknown document, too big.
        var exe = "MZ\u0090\0 program"u8.ToArray();
        var p = await (await school.UploadAsync(visit, "orders", "приказ.pdf", exe)).AssertProblemAsync(415);
        Assert.Contains("исполняемый файл", (string)p["detail"]!);
        p = await (await school.UploadAsync(visit, "orders", "приказы.zip", pdf)).AssertProblemAsync(400, "fileName");
        Assert.Contains("не принимается", (string)p["errors"]!["fileName"]![0]!);
        await (await school.UploadAsync(visit, "budget", "смета.pdf", pdf)).AssertProblemAsync(400, "documentCode");
        p = await (await school.StartUploadAsync(visit, "orders", "приказ.pdf", (20 * 1024 * 1024) + 1)).AssertProblemAsync(400, "size");
        Assert.Contains("больше 20 МБ", (string)p["errors"]!["size"]![0]!);

        // A file can be taken back.
        Assert.Equal(HttpStatusCode.NoContent, (await school.DeleteAsync($"{VisitReviews.Review(visit)}/documents/quality-system-rules/files/{fileId}")).StatusCode);
        review = await (await school.GetAsync(VisitReviews.Review(visit))).ReadJsonAsync();
        Assert.Empty(review["documents"]!.AsArray().Single(d => (string?)d!["code"] == "quality-system-rules")!["files"]!.AsArray());

        // The school gives no verdicts.
        await (await school.PutJsonAsync($"{VisitReviews.Review(visit)}/documents/orders", new { verdict = "meets" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheTeamRecordsTheReviewAndTheSchoolReadsItTheDayAfterTheVisit()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var url = VisitReviews.Review(visit);
        await app.ClientFor("admin-s2").UploadedAsync(visit, "attestation-rules", "Положение об аттестации.pdf", VisitReviews.Pdf());

        app.Clock.SetUtcNow(dates.Day);
        var expert = app.ClientFor("admin-s3");
        var bad = await (await expert.PutJsonAsync($"{url}/documents/attestation-rules", new { verdict = "хорошо", remarks = "" })).AssertProblemAsync(400, "verdict");
        Assert.Contains("частично соответствует", (string)bad["errors"]!["verdict"]![0]!);
        var judged = await expert.PutJsonAsync($"{url}/documents/attestation-rules", new { verdict = "partly", remarks = "Нет порядка учёта результатов ВПР." });
        Assert.True(judged.StatusCode == HttpStatusCode.OK, await judged.Content.ReadAsStringAsync());
        Assert.Equal("частично соответствует", (string?)(await judged.ReadJsonAsync())["verdictLabel"]);
        // An observer of the team writes findings, but gives no verdicts.
        var observer = app.ClientFor("curator-n");
        await (await observer.PutJsonAsync($"{url}/documents/orders", new { verdict = "meets" })).AssertProblemAsync(403);
        await (await observer.PutJsonAsync($"{url}/directions/sport", new { strengths = "Есть" })).AssertProblemAsync(400, "directionCode");
        var direction = await observer.PutJsonAsync($"{url}/directions/control", new { strengths = "План ВШК составлен на год.", problems = "Контроль не доходит до уроков математики." });
        Assert.Equal(HttpStatusCode.OK, direction.StatusCode);
        await (await observer.PutJsonAsync($"{url}/interview", new { date = "2026-12-03", participants = "Директор, заместитель по УВР", problemDirections = new[] { "control", "чтение" }, agreements = new[] { "x" } }))
            .AssertProblemAsync(400, "problemDirections.1");
        var interview = await observer.PutJsonAsync($"{url}/interview", new
        {
            date = "2026-12-03",
            participants = "Директор Иванова И. И., заместитель по УВР Петрова П. П.",
            problemDirections = new[] { "control", "gia-quality" },
            agreements = new[] { "Включить посещение уроков математики в план ВШК до 20 декабря", "Провести пробный ОГЭ в феврале" },
        });
        Assert.True(interview.StatusCode == HttpStatusCode.OK, await interview.Content.ReadAsStringAsync());

        // On the visit's day the school still sees only the checklist and its files.
        var school = app.ClientFor("admin-s2");
        var early = await (await school.GetAsync(url)).ReadJsonAsync();
        Assert.False((bool)early["findingsVisible"]!);
        Assert.Null(early["documents"]![0]!["verdict"]);
        Assert.Empty(early["directions"]!.AsArray());
        Assert.Null(early["interview"]);

        app.Clock.SetUtcNow(dates.After);
        var after = await (await school.GetAsync(url)).ReadJsonAsync();
        Assert.True((bool)after["findingsVisible"]!);
        Assert.False((bool)after["can"]!["edit"]!);
        Assert.Equal("частично соответствует", (string?)after["documents"]![0]!["verdictLabel"]);
        Assert.Equal("Нет порядка учёта результатов ВПР.", (string?)after["documents"]![0]!["remarks"]);
        Assert.Equal(5, after["directions"]!.AsArray().Count);
        Assert.Equal("Контроль не доходит до уроков математики.", (string?)after["directions"]!.AsArray().Single(d => (string?)d!["code"] == "control")!["problems"]);
        Assert.Equal("Провести пробный ОГЭ в феврале", (string?)after["interview"]!["agreements"]![1]);
        Assert.Equal("повышение качества подготовки к ГИА", (string?)after["interview"]!["problemDirections"]![1]!["label"]);
        await (await school.PutJsonAsync($"{url}/interview", new { participants = "мы" })).AssertProblemAsync(403);

        // The report reads it all in one store read.
        var record = await app.Service<VisitReviewStore>().GetAsync("north", visit, CancellationToken.None);
        Assert.Equal(7, record.Documents.Count);
        Assert.True(record.Documents[0].Provided);
        Assert.Equal("partly", record.Documents[0].Verdict);
        Assert.Equal("План ВШК составлен на год.", record.Directions.Single(d => d.Code == "control").Strengths);
        Assert.Equal(["control", "gia-quality"], record.Interview!.ProblemDirections);
        Assert.Equal("2026-12-03", record.Interview.Date);
    }

    [Fact]
    public async Task TwoExpertsSavingTheSamePartConflictAndTheOverwrittenTextIsKept()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var url = $"{VisitReviews.Review(visit)}/directions/methodical";
        var first = await app.ClientFor("curator-n").PutJsonAsync(url, new { strengths = "Методсовет работает.", problems = "" });
        var etag = first.Headers.ETag!.ToString();
        // Someone who had not seen the first save: refused, not overwritten.
        var blind = await (await app.ClientFor("methodist-n").PutJsonAsync(url, new { strengths = "Другое", problems = "" })).AssertProblemAsync(409);
        Assert.Equal("Методсовет работает.", (string?)blind["current"]!["strengths"]);

        var second = await app.ClientFor("methodist-n").PutJsonAsync(url, new { strengths = "Методсовет работает, ШМО — по плану.", problems = "Нет наставничества." }, etag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stale = await (await app.ClientFor("curator-n").PutJsonAsync(url, new { strengths = "Моя правка", problems = "" }, etag)).AssertProblemAsync(409);
        Assert.Contains("Методист Северный", (string?)stale["detail"]);
        Assert.Equal("Нет наставничества.", (string?)stale["current"]!["problems"]);

        var revisions = await (await app.ClientFor("methodist-n").GetAsync($"{VisitReviews.Review(visit)}/revisions")).ReadJsonAsync();
        var kept = Assert.Single(revisions.AsArray())!;
        Assert.Equal("direction.methodical", (string?)kept["part"]);
        Assert.Contains("Методсовет работает.", (string?)kept["content"]);
        Assert.Equal("Куратор Северный", (string?)kept["writtenByName"]);
        await (await app.ClientFor("admin-s2").GetAsync($"{VisitReviews.Review(visit)}/revisions")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task AnotherSchoolATeacherAndAnotherMunicipalityReachNothing()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        app.Clock.SetUtcNow(dates.After);
        var url = VisitReviews.Review(visit);
        var order = await app.ClientFor("admin-s2").UploadedAsync(visit, "orders", "Приказ о ВШК.pdf", VisitReviews.Pdf());
        var started = await app.ClientFor("admin-s2").StartUploadAsync(visit, "orders", "Приказ о ГИА.pdf", 1000);
        var upload = (string)(await started.ReadJsonAsync())["id"]!;

        foreach (var who in new[] { "admin-s1", "teacher-s1" })
        {
            var client = app.ClientFor(who);
            await (await client.GetAsync(url)).AssertProblemAsync(404);
            await (await client.GetAsync($"{url}/documents/orders/files/{order}")).AssertProblemAsync(404);
            await (await client.UploadAsync(visit, "orders", "приказ.pdf", VisitReviews.Pdf())).AssertProblemAsync(404);
            // Nor continue the school's upload, nor learn how far it got.
            await (await client.GetAsync($"{VisitReviews.Uploads(visit, "orders")}/{upload}")).AssertProblemAsync(404);
            await (await client.SendBlockAsync(visit, "orders", upload, 0, VisitReviews.Pdf())).AssertProblemAsync(404);
            await (await client.CompleteUploadAsync(visit, "orders", upload)).AssertProblemAsync(404);
            await (await client.PutJsonAsync($"{url}/directions/control", new { strengths = "x" })).AssertProblemAsync(404);
            await (await client.PostJsonAsync($"{url}/experience", new { kind = "school", description = "Опыт школы" })).AssertProblemAsync(404);
        }

        await (await app.ClientFor("coord-s").GetAsync(url)).AssertProblemAsync(403);
        // The team reads the school's files but continues no upload it did not start.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("curator-n").GetAsync($"{url}/documents/orders/files/{order}")).StatusCode);
        await (await app.ClientFor("curator-n").GetAsync($"{VisitReviews.Uploads(visit, "orders")}/{upload}")).AssertProblemAsync(403);
        // The team writes; the visited school's administration only uploads.
        Assert.True((bool)(await (await app.ClientFor("curator-n").GetAsync(url)).ReadJsonAsync())["can"]!["edit"]!);
        Assert.False((bool)(await (await app.ClientFor("admin-s2").GetAsync(url)).ReadJsonAsync())["can"]!["edit"]!);
    }

    [Fact]
    public async Task ExperienceBecomesAnInvitationAndTheSubmittedPracticeIsShownOnTheVisit()
    {
        var visit = await VisitReviews.PlanAsync(app, school: "s1", date: Dates().Date);
        var staff = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Педагогова Анна Сергеевна", subjects = new[] { "Математика" }, category = "first", position = "учитель", personId = "teacher-s1" });
        Assert.True(staff.StatusCode == HttpStatusCode.Created, await staff.Content.ReadAsStringAsync());
        var teacherId = (string)(await staff.ReadJsonAsync())["id"]!;
        var url = VisitReviews.Review(visit);
        var team = app.ClientFor("methodist-n");
        await (await team.PostJsonAsync($"{url}/experience", new { kind = "teacher", teacherId = "nobody", description = "Формирующее оценивание" })).AssertProblemAsync(400, "teacherId");
        var added = await team.PostJsonAsync($"{url}/experience", new { kind = "teacher", teacherId, description = "Приёмы формирующего оценивания на уроках математики" });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var experience = (string)(await added.ReadJsonAsync())["id"]!;
        await Notices.DrainAsync(app);

        Assert.Equal(HttpStatusCode.OK, (await team.PostAsync($"{url}/experience/{experience}/invitation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsync($"{url}/experience/{experience}/invitation", null)).StatusCode);
        var notice = Assert.Single(await Notices.DrainAsync(app), n => n.Kind == NotificationKind.PracticeInvitation);
        Assert.Equal("teacher-s1", notice.PersonId);
        Assert.Equal($"#/practice/new?invitation={visit}.{experience}", notice.Link);
        Assert.Contains("Приёмы формирующего оценивания на уроках математики", notice.Text);

        // The invited teacher submits a practice; the bank's form reports it back to the visit.
        var teacher = app.ClientFor("teacher-s1");
        var practice = await Practices.CreateAsync(teacher);
        await (await app.ClientFor("admin-s2").PostJsonAsync($"{url}/experience/{experience}/practice", new { practiceId = practice })).AssertProblemAsync(404);
        await (await teacher.PostJsonAsync($"{url}/experience/{experience}/practice", new { practiceId = "abcdef123456" })).AssertProblemAsync(400, "practiceId");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostJsonAsync($"{url}/experience/{experience}/practice", new { practiceId = practice })).StatusCode);
        var review = await (await team.GetAsync(url)).ReadJsonAsync();
        var item = review["experience"]![0]!;
        Assert.Equal(practice, (string?)item["practiceId"]);
        Assert.False(string.IsNullOrEmpty((string?)item["practiceTitle"]));
        Assert.Equal("Педагогова Анна Сергеевна", (string?)item["name"]);
        Assert.NotNull(item["invitedAt"]);
    }

    [Fact]
    public async Task ADocumentSentInBlocksOutOfOrderAndPartlyTwiceBecomesOneFileWithItsBytesInOrder()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var school = app.ClientFor("admin-s2");
        var scan = Practices.Pdf((2 * VisitReviews.Block) + 12_345); // three blocks
        var started = await (await school.StartUploadAsync(visit, "council-protocols", "Протоколы педсоветов.pdf", scan.Length)).ReadJsonAsync();
        var upload = (string)started["id"]!;
        Assert.Equal(3, (int)started["blockCount"]!);

        // The line drops after the last and the first block; the first goes again.
        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "council-protocols", upload, 2, scan)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "council-protocols", upload, 0, scan)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "council-protocols", upload, 0, scan)).StatusCode);
        var status = await (await school.GetAsync($"{VisitReviews.Uploads(visit, "council-protocols")}/{upload}")).ReadJsonAsync();
        Assert.Equal([0, 2], status["received"]!.AsArray().Select(x => (int)x!).ToArray());
        var p = await (await school.CompleteUploadAsync(visit, "council-protocols", upload)).AssertProblemAsync(400, "blocks");
        Assert.Contains("нет частей 1", (string)p["errors"]!["blocks"]![0]!);
        // A block cut short is asked for again.
        var cut = new ByteArrayContent(scan, VisitReviews.Block, 1000);
        await (await school.PutAsync($"{VisitReviews.Uploads(visit, "council-protocols")}/{upload}/blocks/1", cut)).AssertProblemAsync(400, "body");

        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "council-protocols", upload, 1, scan)).StatusCode);
        var done = await school.CompleteUploadAsync(visit, "council-protocols", upload);
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        var file = (await done.ReadJsonAsync())["file"]!;
        Assert.Equal(scan.Length, (long)file["size"]!);

        var review = await (await app.ClientFor("methodist-n").GetAsync(VisitReviews.Review(visit))).ReadJsonAsync();
        var files = review["documents"]!.AsArray().Single(d => (string?)d!["code"] == "council-protocols")!["files"]!.AsArray();
        Assert.Equal("Протоколы педсоветов.pdf", (string?)Assert.Single(files)!["name"]);
        var download = await app.ClientFor("methodist-n").GetAsync($"{VisitReviews.Review(visit)}/documents/council-protocols/files/{(string)file["id"]!}");
        Assert.Equal(scan, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ADocumentHidingAMacroOrAProgramIsRefusedInRussianAndNothingIsStored()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var school = app.ClientFor("admin-s2");

        // Looks like a Word document at its first block; the whole file hides macros.
        var macro = Practices.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "макрос"));
        var p = await (await school.UploadAsync(visit, "road-maps", "Дорожная карта.docx", macro)).AssertProblemAsync(415);
        Assert.Contains("макрос", (string)p["detail"]!);
        Assert.Equal("Файл не принят", (string?)p["title"]);
        // A program renamed to .pdf stops at its first block.
        p = await (await school.UploadAsync(visit, "road-maps", "карта.pdf", Practices.Exe())).AssertProblemAsync(415);
        Assert.Equal("Это исполняемый файл или скрипт: такие файлы не принимаются.", (string?)p["detail"]);

        var review = await (await school.GetAsync(VisitReviews.Review(visit))).ReadJsonAsync();
        var roadMaps = review["documents"]!.AsArray().Single(d => (string?)d!["code"] == "road-maps")!;
        Assert.Empty(roadMaps["files"]!.AsArray());
        Assert.False((bool)roadMaps["provided"]!);
        var container = app.Service<Azure.Storage.Blobs.BlobServiceClient>()
            .GetBlobContainerClient(app.Service<MethodDays.Platform.Storage.StorageNames>().Container(VisitReviewStore.FilesContainer));
        var stored = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"north/{visit}/", TestContext.Current.CancellationToken))
        {
            stored.Add(blob.Name);
        }

        Assert.Empty(stored);
    }

    [Fact]
    public async Task AnUploadLeftUnfinishedIsRemovedByTheDailyCleanupAndAFinishedOneStays()
    {
        var dates = Dates();
        var visit = await VisitReviews.PlanAsync(app, date: dates.Date);
        var school = app.ClientFor("admin-s2");
        var kept = await school.UploadedAsync(visit, "other", "Справка.pdf", VisitReviews.Pdf());
        var left = (string)(await (await school.StartUploadAsync(visit, "other", "Брошено.pdf", 5000)).ReadJsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await school.SendBlockAsync(visit, "other", left, 0, Practices.Pdf(5000))).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var outcome = await app.Service<MethodDays.Platform.Host.FunctionInvoker>().InvokeAsync(
            VisitUploadCleanupTimer.Name, new MethodDays.Platform.Host.InvocationRequest(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded);

        await (await school.GetAsync($"{VisitReviews.Uploads(visit, "other")}/{left}")).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, (await school.GetAsync($"{VisitReviews.Review(visit)}/documents/other/files/{kept}")).StatusCode);
    }
}
