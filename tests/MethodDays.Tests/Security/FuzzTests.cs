using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.SelfAssessment;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Security;

/// <summary>
/// Bad input at scale: over 10,000 random and mutated requests against every write endpoint, each from someone
/// allowed to write there, so they reach validation. No answer may be a 5xx, and every record written must still
/// pass validation when read back.
/// </summary>
public sealed class FuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Requests = 10_500;
    private readonly Random _random = new(20261123);

    private sealed record Target(string Name, string Actor, HttpMethod Method, Func<Random, string> Url, JsonNode Seed, bool Binary = false);

    [Fact]
    public async Task TenThousandBadRequestsGetNoServerErrorAndLeaveNoInvalidRecord()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47", publish: "Now");
        var practice = await Practices.CreateAsync(app.ClientFor("teacher-s1"));
        var upload = (string)(await (await app.ClientFor("teacher-s1").PostJsonAsync($"{Practices.Base}/{practice}/uploads", new { fileName = "f.pdf", size = 5000 })).ReadJsonAsync())["id"]!;
        var teacher = (string)(await (await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Маршрутная Анна Ивановна", subjects = new[] { "Математика" }, category = "first", position = "учитель" })).ReadJsonAsync())["id"]!;
        var round = (string)(await (await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/diagnostics",
            new { kind = "entry", date = "2026-10-01" })).ReadJsonAsync())["id"]!;
        var visit = await MethodDays.Tests.Observations.Observations.VisitAsync(app);
        var targets = Targets(practice, upload, visit);
        targets.AddRange(DiagnosticAndRouteTargets(teacher, round));
        targets.AddRange(await VisitReviewTargetsAsync());
        targets.AddRange(await SubscriptionTargetsAsync(teacher));
        var covered = Endpoints.All(app).Where(e => e.RequiresMember && e.Method is "POST" or "PUT").Select(e => e.Name).ToHashSet();
        covered.ExceptWith(targets.Select(t => t.Name));
        Assert.True(covered.Count == 0, "Write endpoints without a fuzz target: " + string.Join(", ", covered));

        var clients = targets.Select(t => t.Actor).Distinct().ToDictionary(a => a, app.ClientFor);
        var failures = new List<string>();
        var codes = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var target = targets[i % targets.Count];
            var (body, contentType) = target.Binary ? BinaryBody() : Mutate(target.Seed);
            using var request = new HttpRequestMessage(target.Method, target.Url(_random)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            if (_random.Next(4) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-Match", _random.Next(2) == 0 ? "*" : "W/\"datetime'2026-11-18T06%3A00%3A00.0000000Z'\"");
            }

            var response = await clients[target.Actor].SendAsync(request);
            var code = (int)response.StatusCode;
            codes[code] = codes.GetValueOrDefault(code) + 1;
            if (code >= 500 && failures.Count < 20)
            {
                failures.Add($"{target.Name} {request.RequestUri} {code}: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(failures.Count == 0, "Server errors:\n" + string.Join("\n", failures));
        Assert.True(codes.Where(c => c.Key is >= 400 and < 500).Sum(c => c.Value) > Requests / 2, "Most mutated requests should be refused: " + string.Join(", ", codes));
        await AssertEveryRecordValidAsync();
    }

    private List<Target> Targets(string practice, string upload, string visit)
    {
        static JsonNode J(string json) => JsonNode.Parse(json)!;
        string Month(Random r) => r.Next(10) == 0 ? Pick(r, "2026-13", "1999-01", "2027-01", "x", "2026-1") : $"2026-{r.Next(1, 12):D2}";
        string Week(Random r) => r.Next(10) == 0 ? Pick(r, "2026-W99", "W47", "2026-47") : $"2026-W{r.Next(47, 52):D2}";
        const string N = "/api/municipalities/north";
        var sheet = "{\"templateVersion\":\"2021.1\",\"values\":{\"1.1.1\":2,\"1.1.2\":\"1\",\"4.1.3\":\"na\"}}";
        return
        [
            new("SaveSchool", "coord-n", HttpMethod.Put, r => $"{N}/schools/fz{r.Next(3)}", J("{\"name\":\"Школа для проверки\",\"shortName\":\"Проверочная\",\"kind\":\"Basic\",\"lowResults\":true}")),
            new("SaveMember", "coord-n", HttpMethod.Put, r => $"{N}/members/fuzz-{r.Next(3)}", J("{\"displayName\":\"Проверка Иван\",\"email\":\"fuzz@north.example\",\"role\":\"Teacher\",\"schoolIds\":[\"s1\"],\"active\":true}")),
            new("CreateSchool", "coord-n", HttpMethod.Post, _ => $"{N}/schools", J("{\"name\":\"Новая школа для проверки\",\"shortName\":\"Новая проверочная\",\"kind\":\"Basic\",\"lowResults\":true}")),
            new("CreateMember", "coord-n", HttpMethod.Post, _ => $"{N}/members", J("{\"displayName\":\"Проверка Пётр\",\"email\":\"fuzz-new@north.example\",\"role\":\"Teacher\",\"schoolIds\":[\"s1\"]}")),
            new("PeopleImport", "coord-n", HttpMethod.Post, r => $"{N}/people-import{(r.Next(2) == 0 ? "?dryRun=true" : "")}", J("{}"), Binary: true),
            new("SelfAssessmentSaveDraft", "admin-s1", HttpMethod.Put, r => $"{N}/schools/s1/self-assessment/{Month(r)}", J(sheet)),
            new("SelfAssessmentSubmit", "admin-s1", HttpMethod.Post, r => $"{N}/schools/s1/self-assessment/{Month(r)}/submit", J(sheet)),
            new("SelfAssessmentStartFromPrevious", "admin-s1", HttpMethod.Post, r => $"{N}/schools/s1/self-assessment/{Month(r)}/start-from-previous", J("{}")),
            new("SelfAssessmentComment", "curator-n", HttpMethod.Post, r => $"{N}/schools/s1/self-assessment/{Month(r)}/comments", J("{\"text\":\"Комментарий куратора\"}")),
            new("FeedRead", "admin-s1", HttpMethod.Post, _ => "/api/feed/read", J("{\"id\":null}")),
            new("SaveEmailPreferences", "admin-s1", HttpMethod.Put, _ => "/api/me/email-preferences", J("{\"off\":[\"Reminder\"]}")),
            new("ResendFailedNotifications", "coord-n", HttpMethod.Post, _ => $"{N}/notifications/failed/resend", J("{}")),
            new("SaveCycle", "coord-n", HttpMethod.Put, _ => $"{N}/cycle", J("{\"steps\":[{\"id\":\"publish\",\"kind\":\"Publish\",\"title\":\"Публикация\",\"weekOffset\":0,\"weekday\":\"Wednesday\",\"time\":\"09:00\",\"actor\":\"Coordinator\",\"remindBeforeHours\":0,\"overdueNotice\":false},{\"id\":\"decision\",\"kind\":\"Decision\",\"title\":\"Решение\",\"weekOffset\":1,\"weekday\":\"Friday\",\"time\":\"18:00\",\"actor\":\"School\",\"remindBeforeHours\":20,\"overdueNotice\":true}]}")),
            new("SaveCycleOptions", "coord-n", HttpMethod.Put, _ => $"{N}/cycle-options", J("{\"escalateSelfAssessment\":true}")),
            new("SkipWeek", "coord-n", HttpMethod.Put, r => $"{N}/weeks/{Week(r)}/skip", J("{\"reason\":\"каникулы\"}")),
            new("RenewSchoolCalendarLink", "admin-s1", HttpMethod.Post, r => $"{N}/schools/{Pick(r, "s1", "s1", "s3", "nope")}/calendar/renew", J("{}")),
            new("SaveMunicipalitySettings", "coord-n", HttpMethod.Put, _ => $"{N}/settings", J("{\"name\":\"Северный муниципальный район\",\"timeZone\":\"Asia/Omsk\"}")),
            new("SaveTopic", "coord-n", HttpMethod.Put, r => $"{N}/weeks/{Week(r)}/topic", J("{\"title\":\"Тема недели\",\"videos\":[{\"title\":\"Видео\",\"url\":\"https://video.example/1\"}],\"questions\":[\"Вопрос\"],\"assignment\":\"Задание\",\"publish\":\"Draft\"}")),
            new("SchoolWeekStep", "admin-s1", HttpMethod.Post, r => $"{N}/schools/s1/weeks/2026-W47/steps/{Pick(r, "form", "decision", "method-day", "questions", "nope")}", J("{\"text\":\"Форма: мастерская\"}")),
            new("SchoolWeekQuestion", "admin-s1", HttpMethod.Post, _ => $"{N}/schools/s1/weeks/2026-W47/questions", J("{\"text\":\"Вопрос школы\",\"topicQuestion\":0}")),
            new("AnswerQuestion", "coord-n", HttpMethod.Put, r => $"{N}/weeks/2026-W47/questions/{Uri.EscapeDataString("question|s1|" + r.Next(100))}/answer", J("{\"answer\":\"Ответ\"}")),
            new("PreviewTopic", "coord-n", HttpMethod.Post, r => $"{N}/weeks/{Week(r)}/topic/preview", J("{\"title\":\"Тема недели\",\"videos\":[{\"title\":\"Видео\",\"url\":\"https://video.example/1\"}],\"questions\":[\"Вопрос\"],\"assignment\":\"Задание\",\"publish\":\"Now\"}")),
            new("AnswerQuestions", "coord-n", HttpMethod.Put, _ => $"{N}/weeks/2026-W47/answers", J("{\"questionIds\":[\"question|s1|1\"],\"answer\":\"Ответ\"}")),
            new("CreatePractice", "teacher-s1", HttpMethod.Post, _ => Practices.Base, JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Practices.Input()))!),
            new("UpdatePractice", "teacher-s1", HttpMethod.Put, _ => $"{Practices.Base}/{practice}", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Practices.Input()))!),
            new("SubmitPractice", "teacher-s1", HttpMethod.Post, _ => $"{Practices.Base}/{practice}/submit", J("{}")),
            new("ReviewPractice", "methodist-n", HttpMethod.Post, _ => $"{Practices.Base}/{practice}/review", J("{\"action\":\"start\",\"comment\":\"Комментарий\"}")),
            new("StartUpload", "teacher-s1", HttpMethod.Post, _ => $"{Practices.Base}/{practice}/uploads", J("{\"fileName\":\"урок.pdf\",\"size\":1000}")),
            new("UploadBlock", "teacher-s1", HttpMethod.Put, r => $"{Practices.Base}/{practice}/uploads/{upload}/blocks/{r.Next(-1, 3)}", J("{}"), Binary: true),
            new("CompleteUpload", "teacher-s1", HttpMethod.Post, _ => $"{Practices.Base}/{practice}/uploads/{upload}/complete", J("{}")),
            new("ProgressSaveDraft", "admin-s1", HttpMethod.Put, r => $"{N}/schools/s1/progress/{Month(r)}", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(MethodDays.Tests.Progress.ProgressSheets.Complete("2026-10")))!),
            new("ProgressSubmit", "admin-s1", HttpMethod.Post, r => $"{N}/schools/s1/progress/{Month(r)}/submit", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(MethodDays.Tests.Progress.ProgressSheets.Complete("2026-10")))!),
            new("ProgressComment", "curator-n", HttpMethod.Post, r => $"{N}/schools/s1/progress/{Month(r)}/comments", J("{\"text\":\"Комментарий\"}")),
            new("HelpPlanAdd", "curator-n", HttpMethod.Post, _ => $"{N}/schools/s1/help-plan", J("{\"action\":\"Практикум по оцениванию\",\"responsible\":\"Методист\",\"dueDate\":\"2026-12-10\",\"status\":\"planned\",\"notes\":\"\"}")),
            new("HelpPlanUpdate", "curator-n", HttpMethod.Put, r => $"{N}/schools/s1/help-plan/item{r.Next(3)}", J("{\"action\":\"Практикум\",\"responsible\":\"Методист\",\"dueDate\":\"2026-12-10\",\"status\":\"done\",\"statusComment\":\"Проведён\"}")),
            new("StaffAdd", "admin-s1", HttpMethod.Post, _ => $"{N}/schools/s1/staff", J("{\"fullName\":\"Проверкина Анна Ивановна\",\"subjects\":[\"Математика\"],\"category\":\"first\",\"position\":\"учитель\",\"email\":\"a@s1.example\"}")),
            new("StaffUpdate", "admin-s1", HttpMethod.Put, r => $"{N}/schools/s1/staff/{Pick(r, "t0123456789a", "x", "..")}", J("{\"fullName\":\"Проверкина Анна Ивановна\",\"subjects\":[\"Физика\"],\"category\":\"none\",\"position\":\"учитель\",\"active\":false}")),
            new("StaffImport", "admin-s1", HttpMethod.Post, _ => $"{N}/schools/s1/staff/import", J("{}"), Binary: true),
            new("PracticeFileLink", "teacher-s1", HttpMethod.Post, r => $"{Practices.Base}/{practice}/files/{Pick(r, "0123456789abcdef", "x", "../..")}/link", J("{}")),
            new("PracticeExportLink", "coord-n", HttpMethod.Post, r => $"{N}/practice-exports/{Pick(r, "bbbbbbbbbbbbbbbb", "short")}/link", J("{}")),
            new("StartPracticeExport", "coord-n", HttpMethod.Post, _ => $"{N}/practice-exports", J("{\"subject\":\"Математика\",\"grade\":5}")),
            new("ResultsSave", "methodist-n", HttpMethod.Put, r => $"{N}/results/{Pick(r, "2026-2027", "2026-2027", "2026-2028", "x")}/schools/{Pick(r, "s1", "s2", "nope")}", J("{\"shnorFrom\":\"2021-2022\",\"qualityPercent\":38.5,\"attainmentPercent\":92,\"olympiadHigherParticipants\":3,\"olympiadHigherWinners\":0,\"exams\":[{\"exam\":\"ВПР\",\"subject\":\"Математика\",\"grade\":5,\"school\":3.2,\"municipality\":3.6,\"city\":3.7}]}")),
            new("ResultsImport", "coord-n", HttpMethod.Put, _ => $"{N}/results/2026-2027/import", J("{}"), Binary: true),
            new("SaveVisitCriteria", "coord-n", HttpMethod.Put, _ => $"{N}/visits/criteria", J("{\"criteria\":[{\"code\":\"quality\",\"on\":true,\"weight\":3,\"threshold\":45},{\"code\":\"shnor\",\"on\":false,\"weight\":1}]}")),
            new("AskForVisit", "admin-s1", HttpMethod.Post, r => $"{N}/schools/s1/visit-requests", J("{\"month\":\"2027-02\",\"reason\":\"Просим помочь с подготовкой к ГИА\"}")),
            new("AnswerVisitRequest", "coord-n", HttpMethod.Post, r => $"{N}/visit-requests/{Pick(r, "2027-02.s1", "2027-02.s1", "x", "2027-02.")}/answer", J("{\"decision\":\"declined\",\"comment\":\"Предлагаем март\"}")),
            new("PlanVisit", "coord-n", HttpMethod.Post, _ => $"{N}/visits", J("{\"schoolId\":\"s2\",\"date\":\"2026-12-03\",\"purpose\":\"Адресная помощь школе\",\"directions\":[\"control\"],\"team\":[{\"personId\":\"methodist-n\",\"role\":\"leader\"},{\"personId\":\"coord-s\",\"role\":\"observer\"}],\"lessons\":[{\"teacherId\":\"t0123456789a\",\"subject\":\"Математика\",\"grade\":\"9Б\",\"number\":2,\"date\":\"2026-12-03\",\"start\":\"09:00\",\"end\":\"09:40\",\"observers\":[\"methodist-n\"]}]}")),
            new("UpdateVisit", "coord-n", HttpMethod.Put, r => $"{N}/visits/{Pick(r, "abcdef123456", "x")}", J("{\"schoolId\":\"s2\",\"date\":\"2026-12-03\",\"purpose\":\"Адресная помощь школе\",\"directions\":[\"control\"],\"team\":[{\"personId\":\"methodist-n\",\"role\":\"leader\"},{\"personId\":\"coord-s\",\"role\":\"observer\"}],\"lessons\":[{\"teacherId\":\"t0123456789a\",\"subject\":\"Математика\",\"grade\":\"9Б\",\"number\":2,\"date\":\"2026-12-03\",\"start\":\"09:00\",\"end\":\"09:40\",\"observers\":[\"methodist-n\"]}]}")),
            new("ObservationSave", "admin-s3", HttpMethod.Put, r => Observation(visit, Pick(r, "admin-s3", "admin-s3", "x/..")), J("{\"templateVersion\":\"2026.1\",\"marks\":{\"goal.1\":\"2\",\"formative.2\":\"4\"},\"notes\":[{\"id\":\"n1\",\"at\":\"2026-11-12T04:00:00Z\",\"text\":\"Заметка\"}],\"strengths\":\"Сильные стороны\",\"writtenAt\":\"2026-11-12T04:00:00Z\",\"base\":{\"marks\":{\"goal.1\":\"1\"}}}")),
            new("ObservationRelease", "methodist-n", HttpMethod.Post, r => Observation(visit, Pick(r, "admin-s3", "methodist-n")) + "/release", J("{}")),
            new("ObservationPhotoUpload", "admin-s3", HttpMethod.Put, r => Observation(visit, "admin-s3") + $"/photos/fz{r.Next(40)}", J("{}"), Binary: true),
            new("ObservationSelfAnalysis", "methodist-n", HttpMethod.Put, _ => MethodDays.Tests.Observations.Observations.Lesson(visit) + "/self-analysis", J("{\"text\":\"Со слов педагога\",\"writtenAt\":\"2026-11-12T06:00:00Z\"}")),
            new("ObservationTemplatePublish", "coord-n", HttpMethod.Post, _ => $"{N}/observation-templates", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(app.Service<MethodDays.Features.Observations.ShippedProtocolTemplates>().Current with { Version = "fuzz" }, Http.Json))!),
            new("VisitReportSave", "methodist-n", HttpMethod.Put, r => $"{N}/visits/{Pick(r, visit, visit, "x")}/report", J("{\"summary\":\"Итоги\",\"conclusions\":\"Выводы\",\"recommendations\":[{\"id\":\"a1\",\"text\":\"Рекомендация\"}],\"agreements\":[{\"text\":\"Договорённость\"}]}")),
            new("VisitReportHelpItem", "methodist-n", HttpMethod.Post, r => $"{N}/visits/{Pick(r, visit, visit, "x")}/report/help-items", J("{\"findingId\":\"problem.l1.admin-s3\",\"action\":\"Консультация педагогу\",\"responsible\":\"Методист\",\"dueDate\":\"2026-12-15\"}")),
        ];
    }

    private static List<Target> DiagnosticAndRouteTargets(string teacher, string round)
    {
        static JsonNode J(string json) => JsonNode.Parse(json)!;
        const string S = "/api/municipalities/north/schools/s1";
        string Period(Random r) => r.Next(10) == 0 ? Pick(r, "2026-28", "2026", "x", "2026/27") : "2026-27";
        var route = "{\"tutorName\":\"Иванова И. И.\",\"items\":[{\"competence\":\"methodical\",\"content\":\"Курс\",\"form\":\"course\",\"hours\":36,"
            + "\"startDate\":\"2026-10-05\",\"endDate\":\"2026-12-15\",\"responsibleName\":\"Методист\",\"status\":\"planned\",\"evidenceNote\":\"\"}]}";
        return
        [
            new("DiagnosticRoundCreate", "admin-s1", HttpMethod.Post, _ => $"{S}/diagnostics", J("{\"kind\":\"entry\",\"date\":\"2026-10-05\",\"instrument\":\"самодиагностика\"}")),
            new("DiagnosticCutOffs", "admin-s1", HttpMethod.Put, _ => $"{S}/diagnostics/{round}/cut-offs", J("{\"cutOffs\":{\"subject\":{\"medium\":50,\"high\":85}}}")),
            new("DiagnosticResult", "admin-s1", HttpMethod.Put, r => $"{S}/diagnostics/{round}/results/{Pick(r, teacher, teacher, "x")}", J("{\"levels\":{\"subject\":60,\"digital\":40}}")),
            new("DiagnosticImport", "admin-s1", HttpMethod.Post, _ => $"{S}/diagnostics/{round}/import", J("{}"), Binary: true),
            new("RouteDraft", "admin-s1", HttpMethod.Post, r => $"{S}/routes/{teacher}/draft?round={Pick(r, round, round, "x")}", J("{}")),
            new("RouteSave", "admin-s1", HttpMethod.Put, r => $"{S}/routes/{teacher}/{Period(r)}", J(route)),
            new("RouteAgree", "admin-s1", HttpMethod.Post, r => $"{S}/routes/{teacher}/{Period(r)}/agreements", J("{\"as\":\"tutor\"}")),
            new("RouteApprove", "admin-s1", HttpMethod.Post, r => $"{S}/routes/{teacher}/{Period(r)}/approval", J("{\"orderDate\":\"2026-11-10\",\"orderNumber\":\"12-о\"}")),
            new("RouteConsultation", "admin-s1", HttpMethod.Post, r => $"{S}/routes/{teacher}/{Period(r)}/consultations", J("{\"date\":\"2026-11-10\",\"note\":\"Консультация\"}")),
            new("RouteItemProgress", "admin-s1", HttpMethod.Put, r => $"{S}/routes/{teacher}/{Period(r)}/items/{Pick(r, "i1", "i1", "x", "..")}/progress", J("{\"status\":\"done\",\"evidenceNote\":\"Удостоверение № 1\"}")),
            new("RouteItemCertificate", "admin-s1", HttpMethod.Put, r => $"{S}/routes/{teacher}/{Period(r)}/items/{Pick(r, "i1", "i1", "x")}/certificate?name=cert.pdf", J("{}"), Binary: true),
        ];
    }

    /// <summary>The review of a visit: documents, files, directions, interview, experience and its invitation.</summary>
    private async Task<List<Target>> VisitReviewTargetsAsync()
    {
        static JsonNode J(string json) => JsonNode.Parse(json)!;
        var visit = await MethodDays.Tests.Visits.VisitReviews.PlanAsync(app);
        var review = MethodDays.Tests.Visits.VisitReviews.Review(visit);
        var added = await app.ClientFor("coord-n").PostJsonAsync($"{review}/experience", new { kind = "school", description = "Опыт школы по формирующему оцениванию" });
        var experience = (string)(await added.ReadJsonAsync())["id"]!;
        var started = await app.ClientFor("admin-s2").PostJsonAsync($"{review}/documents/orders/uploads", new { fileName = "приказ.pdf", size = 5000 });
        var upload = (string)(await started.ReadJsonAsync())["id"]!;
        return
        [
            new("VisitReviewDocument", "coord-n", HttpMethod.Put, r => $"{review}/documents/{Pick(r, "orders", "road-maps", "other", "nope", "..")}", J("{\"verdict\":\"partly\",\"remarks\":\"Замечания\",\"providedOnSite\":true}")),
            new("VisitReviewUploadStart", "admin-s2", HttpMethod.Post, r => $"{review}/documents/{Pick(r, "orders", "other", "nope")}/uploads", J("{\"fileName\":\"приказ.pdf\",\"size\":5000}")),
            new("VisitReviewUploadBlock", "admin-s2", HttpMethod.Put, r => $"{review}/documents/{Pick(r, "orders", "orders", "other")}/uploads/{Pick(r, upload, upload, "nope")}/blocks/{r.Next(-1, 3)}", J("{}"), Binary: true),
            new("VisitReviewUploadComplete", "admin-s2", HttpMethod.Post, r => $"{review}/documents/{Pick(r, "orders", "nope")}/uploads/{Pick(r, upload, "nope")}/complete", J("{}")),
            new("VisitReviewDirection", "coord-n", HttpMethod.Put, r => $"{review}/directions/{Pick(r, "control", "gia-info", "nope")}", J("{\"strengths\":\"Сильные стороны\",\"problems\":\"Проблемы\"}")),
            new("VisitReviewInterview", "coord-n", HttpMethod.Put, _ => $"{review}/interview", J("{\"date\":\"2026-12-03\",\"participants\":\"Директор\",\"problemDirections\":[\"control\"],\"agreements\":[\"Договорённость\"]}")),
            new("VisitReviewExperienceAdd", "coord-n", HttpMethod.Post, _ => $"{review}/experience", J("{\"kind\":\"school\",\"teacherId\":null,\"description\":\"Опыт школы\"}")),
            new("VisitReviewExperience", "coord-n", HttpMethod.Put, r => $"{review}/experience/{Pick(r, experience, experience, "nope")}", J("{\"kind\":\"school\",\"description\":\"Опыт школы, уточнённый\"}")),
            new("VisitReviewInvite", "coord-n", HttpMethod.Post, r => $"{review}/experience/{Pick(r, experience, "nope")}/invitation", J("{}")),
            new("VisitReviewPracticeLink", "admin-s2", HttpMethod.Post, r => $"{review}/experience/{Pick(r, experience, "nope")}/practice", J("{\"practiceId\":\"abcdef123456\"}")),
        ];
    }

    /// <summary>The subscription's writes: s1 joins first, so modules and sessions reach their checks.</summary>
    private async Task<List<Target>> SubscriptionTargetsAsync(string teacher)
    {
        static JsonNode J(string json) => JsonNode.Parse(json)!;
        const string N = "/api/municipalities/north/subscription";
        const string S = "/api/municipalities/north/schools/s1/subscription";
        await app.ClientFor("admin-s1").PostJsonAsync($"{S}/applications", new { year = "2026-2027", criteria = new[] { "request" }, justification = "Низкие результаты ВПР по математике" });
        await app.ClientFor("coord-n").PostJsonAsync($"{N}/applications/2026-2027.s1/answer", new { decision = "agreed" });
        var module = "{\"year\":\"2026-2027\",\"form\":\"practicum\",\"topic\":\"Формирующее оценивание\",\"competence\":\"methodical\",\"leadKind\":\"tutor\","
            + "\"leadName\":\"Смирнова О. В.\",\"hours\":6,\"startDate\":\"2026-11-02\",\"endDate\":\"2026-12-18\",\"place\":\"Кабинет 12\",\"schools\":[\"s1\"],\"needIds\":[]}";
        var created = await app.ClientFor("methodist-n").PostJsonAsync($"{N}/modules", J(module)!);
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        return
        [
            new("SubscriptionApply", "admin-s1", HttpMethod.Post, r => $"{S}/applications", J("{\"year\":\"2027-2028\",\"criteria\":[\"request\",\"vpr\"],\"justification\":\"Итоги ВПР ниже муниципальных\"}")),
            new("SubscriptionAnswer", "coord-n", HttpMethod.Post, r => $"{N}/applications/{Pick(r, "2027-2028.s1", "2026-2027.s1", "x", "2026-2027.")}/answer", J("{\"decision\":\"declined\",\"comment\":\"Предлагаем консультации\"}")),
            new("SubscriptionNeed", "admin-s1", HttpMethod.Post, _ => $"{S}/needs", J($"{{\"teacherId\":\"{teacher}\",\"topic\":\"Смысловое чтение\",\"competence\":\"subject\",\"subject\":\"Русский язык\",\"form\":\"training\"}}")),
            new("SubscriptionRouteAgree", "admin-s1", HttpMethod.Post, r => $"{S}/route-agreement?year={Pick(r, "2026-2027", "2026-2027", "x")}", J("{}")),
            new("SubscriptionModuleCreate", "methodist-n", HttpMethod.Post, _ => $"{N}/modules", J(module)),
            new("SubscriptionModuleUpdate", "methodist-n", HttpMethod.Put, r => $"{N}/modules/{Pick(r, id, id, "x")}", J(module)),
            new("RouteSave", "admin-s1", HttpMethod.Put, r => $"/api/municipalities/north/schools/s1/routes/{teacher}/{Pick(r, "2026-27", "2026-27", "2027-28")}",
                J("{\"tutorName\":\"Иванова И. И.\",\"items\":[{\"competence\":\"methodical\",\"content\":\"Практикум абонемента\",\"form\":\"subscription\",\"hours\":6,"
                    + $"\"startDate\":\"2026-11-02\",\"endDate\":\"2026-12-18\",\"status\":\"planned\",\"moduleId\":\"{id}\"}}]}}")),
            new("SubscriptionSession", "methodist-n", HttpMethod.Post, r => $"{N}/modules/{Pick(r, id, id, "x")}/sessions",
                J($"{{\"date\":\"2026-11-17\",\"attendees\":[{{\"schoolId\":\"s1\",\"teacherId\":\"{teacher}\"}}],\"feedback\":\"Полезно\"}}")),
        ];
    }

    /// <summary>A seed body mutated: fields dropped, retyped, oversized, garbled, or the JSON broken outright.</summary>
    private (byte[] Body, string ContentType) Mutate(JsonNode seed)
    {
        var roll = _random.Next(100);
        if (roll < 8)
        {
            var text = seed.ToJsonString();
            return (Encoding.UTF8.GetBytes(text[..(_random.Next(text.Length))]), "application/json");
        }

        if (roll < 12)
        {
            return (Encoding.UTF8.GetBytes(Pick(_random, "", "null", "[]", "\"text\"", "42", "{\"a\":", "{{}}", "\u0000\u0001")), "application/json");
        }

        if (roll < 14)
        {
            return (Encoding.UTF8.GetBytes(seed.ToJsonString()), Pick(_random, "text/plain", "application/xml", "multipart/form-data"));
        }

        var node = seed.DeepClone();
        var mutations = _random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            MutateSomewhere(node);
        }

        return (Encoding.UTF8.GetBytes(node.ToJsonString()), "application/json");
    }

    private void MutateSomewhere(JsonNode node)
    {
        var holders = new List<(JsonNode Parent, object Key)>();
        Collect(node, holders);
        if (holders.Count == 0)
        {
            return;
        }

        var (parent, key) = holders[_random.Next(holders.Count)];
        JsonNode? replacement = _random.Next(12) switch
        {
            0 => null,
            1 => JsonValue.Create(new string('я', _random.Next(1000, 60_000))),
            2 => JsonValue.Create("<script>alert(1)</script>\u0000\u202e" + "😀"),
            3 => JsonValue.Create(_random.Next(2) == 0 ? -1 : int.MaxValue),
            4 => JsonValue.Create(1.5e300),
            5 => JsonValue.Create(true),
            6 => new JsonArray([.. Enumerable.Range(0, _random.Next(50, 1500)).Select(n => (JsonNode)JsonValue.Create("x" + n)!)]),
            7 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray(1, 2, 3) } },
            8 => JsonValue.Create(""),
            9 => JsonValue.Create("../../" + new string('/', 10) + "..\\con.exe"),
            10 => JsonValue.Create("2026-W47"),
            _ => JsonValue.Create(Guid.NewGuid().ToString()),
        };
        switch (parent, key)
        {
            case (JsonObject o, string name) when _random.Next(5) == 0:
                o.Remove(name);
                break;
            case (JsonObject o, string name):
                o[name] = replacement;
                break;
            case (JsonArray a, int index):
                a[index] = replacement;
                break;
        }

        if (_random.Next(8) == 0 && node is JsonObject root)
        {
            root["unexpected" + _random.Next(100)] = JsonValue.Create("лишнее поле");
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> holders)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    holders.Add((o, name));
                    if (child is not null)
                    {
                        Collect(child, holders);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    holders.Add((a, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, holders);
                    }
                }

                break;
        }
    }

    private (byte[], string) BinaryBody()
    {
        var bytes = new byte[_random.Next(0, 6000)];
        _random.NextBytes(bytes);
        if (_random.Next(3) == 0 && bytes.Length > 8)
        {
            "%PDF-1.7"u8.CopyTo(bytes);
        }

        return (bytes, "application/octet-stream");
    }

    private static string Observation(string visit, string observer) => MethodDays.Tests.Observations.Observations.Protocol(visit, observer);

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    /// <summary>Reads back what the run wrote and checks it against the same rules the API applies.</summary>
    private async Task AssertEveryRecordValidAsync()
    {
        var tables = app.Service<TableServiceClient>();
        var names = app.Service<StorageNames>();
        var template = app.Service<SheetTemplates>().Current;
        var problems = new List<string>();

        await foreach (var row in tables.GetTableClient(names.Table(SheetStore.SheetsTable)).QueryAsync<TableEntity>())
        {
            if (row.RowKey.StartsWith("sheet|", StringComparison.Ordinal) || row.RowKey.StartsWith("rev|", StringComparison.Ordinal))
            {
                var values = SheetJson.ReadValues(row.GetString("Values"));
                if (values.Any(v => !template.ById.ContainsKey(v.Key) || !Answer.Allowed.Contains(v.Value)))
                {
                    problems.Add($"sheet {row.PartitionKey}/{row.RowKey} holds unknown indicators or values");
                }

                if (row.RowKey.StartsWith("rev|", StringComparison.Ordinal) && values.Count != template.Indicators.Count)
                {
                    problems.Add($"revision {row.PartitionKey}/{row.RowKey} is incomplete");
                }

                if (!YearMonth.TryParse(row.PartitionKey.Split('|')[1], out var month) || month > new YearMonth(2026, 11))
                {
                    problems.Add($"sheet for a bad month {row.PartitionKey}");
                }
            }
            else if (row.RowKey.StartsWith("comment|", StringComparison.Ordinal) && row.GetString("Text") is not { Length: >= 1 and <= 4000 })
            {
                problems.Add($"comment {row.RowKey} has a bad text");
            }
        }

        var cycle = app.Service<CycleStore>();
        foreach (var topic in await cycle.ListTopicsAsync("north", CancellationToken.None))
        {
            var view = WeekRules.View(topic, app.Clock.GetUtcNow());
            if (view.Title.Length is < 3 or > 300 || view.Videos.Any(v => !Uri.TryCreate(v.Url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                || view.Questions.Count > 20 || view.Assignment.Length > 10_000)
            {
                problems.Add($"topic {topic.RowKey} breaks the topic rules");
            }
        }

        var errors = new FieldErrors();
        CycleTemplate.Check(await cycle.GetTemplateAsync("north", CancellationToken.None), errors);
        if (errors.Any)
        {
            problems.Add("the stored cycle template breaks the cycle rules");
        }

        var municipality = await app.Service<MethodDays.Features.People.DirectoryStore>().GetMunicipalityAsync("north", CancellationToken.None);
        if (!LocalTime.IsKnownZone(municipality?.TimeZone) || municipality!.Name.Length is < 3 or > 200)
        {
            problems.Add("the municipality's settings are invalid");
        }

        foreach (var member in await app.Service<MethodDays.Features.People.DirectoryStore>().ListMembersAsync("north", CancellationToken.None))
        {
            if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(member.Email) || member.DisplayName.Length is < 2 or > 200)
            {
                problems.Add($"member {member.PersonId} is invalid");
            }
        }

        foreach (var t in await app.Service<MethodDays.Features.Staff.StaffStore>().ListAsync("north", "s1", CancellationToken.None))
        {
            if (t.FullName.Length is < 3 or > 200 || t.FullName.Any(char.IsControl) || MethodDays.Features.Staff.Categories.ByCode(t.Category) is null || t.Position.Length == 0)
            {
                problems.Add($"teacher {t.RowKey} is invalid");
            }
        }

        foreach (var route in await app.Service<MethodDays.Features.Routes.RouteStore>().SchoolAsync("north", "s1", null, CancellationToken.None))
        {
            if (route.TutorName.Length is < 1 or > 200 || route.ItemList.Count is < 1 or > 40 || route.ItemList.Any(i =>
                MethodDays.Features.Diagnostics.Competences.ByCode(i.Competence) is null || i.Hours is <= 0 or > 250
                || string.CompareOrdinal(i.EndDate, i.StartDate) < 0 || i.Content.Length is < 1 or > 1000))
            {
                problems.Add($"route {route.RowKey} breaks the route rules");
            }

            // An item stands for a module of this municipality, in the subscription form, and no module for two items.
            var linked = route.ItemList.Select(MethodDays.Features.Routes.RouteRules.LinkedModule).Where(m => m is not null).ToList();
            if (linked.Count != linked.Distinct().Count() || route.ItemList.Any(i => i.ModuleId is not null && i.Form != "subscription"))
            {
                problems.Add($"route {route.RowKey} links a module twice or outside the subscription form");
            }

            foreach (var m in route.ItemList.Select(i => i.ModuleId).OfType<string>())
            {
                if (await app.Service<MethodDays.Features.Subscription.SubscriptionStore>().GetAsync<MethodDays.Features.Subscription.ModuleEntity>("north",
                    MethodDays.Features.Subscription.SubscriptionStore.ModuleKey(m), CancellationToken.None) is null)
                {
                    problems.Add($"route {route.RowKey} links an unknown module {m}");
                }
            }
        }

        foreach (var p in await app.Service<PracticeStore>().ListAsync("north", CancellationToken.None))
        {
            var check = new FieldErrors();
            var input = new PracticeInput(p.Title, p.Description, p.TopicWeek, p.Subject, PracticeViews.Grades(p), PracticeViews.Kind(p),
                PracticeViews.Read<List<string>>(p.Authors), PracticeViews.Read<List<PracticeLink>>(p.Links), [.. p.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries)],
                PracticeViews.Competences(p));
            if (await PracticeRules.CheckAsync(input, "north", cycle, app.Service<SheetTemplates>(), check, CancellationToken.None) is null)
            {
                problems.Add($"practice {p.Id} breaks the practice rules");
            }
        }

        await SubscriptionRecordsValidAsync(problems);
        await ObservationRecordsValidAsync(problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    /// <summary>Every stored module holds a known form and competence, hours and dates in range, and only schools of the project.</summary>
    private async Task SubscriptionRecordsValidAsync(List<string> problems)
    {
        var store = app.Service<MethodDays.Features.Subscription.SubscriptionStore>();
        var agreed = (await store.ListAsync<MethodDays.Features.Subscription.ApplicationEntity>("north", "a|", CancellationToken.None))
            .Where(a => a.Status == "agreed").Select(a => (a.Year, a.SchoolId)).ToHashSet();
        foreach (var m in await store.ListAsync<MethodDays.Features.Subscription.ModuleEntity>("north", "m|", CancellationToken.None))
        {
            if (MethodDays.Features.Subscription.SubscriptionRules.Forms.All(f => f.Code != m.Form) || MethodDays.Features.Diagnostics.Competences.ByCode(m.Competence) is null
                || m.Hours is <= 0 or > 72 || string.CompareOrdinal(m.EndDate, m.StartDate) < 0 || m.Topic.Length is < 3 or > 300
                || m.SchoolList.Count == 0 || m.SchoolList.Any(s => !agreed.Contains((m.Year, s))))
            {
                problems.Add($"module {m.RowKey} breaks the module rules");
            }
        }

        foreach (var s in await store.ListAsync<MethodDays.Features.Subscription.SessionEntity>("north", "s|", CancellationToken.None))
        {
            if (string.CompareOrdinal(s.Date, "2026-11-18") > 0 || s.AttendeeList.Count == 0)
            {
                problems.Add($"session {s.RowKey} is in the future or has nobody");
            }
        }

        foreach (var a in await store.ListAsync<MethodDays.Features.Subscription.ApplicationEntity>("north", "a|", CancellationToken.None))
        {
            if (a.CriteriaList.Count == 0 || a.Justification.Length is < 10 or > 2000 || (a.Status == "declined" && string.IsNullOrEmpty(a.Comment)))
            {
                problems.Add($"application {a.RowKey} breaks the application rules");
            }
        }
    }

    /// <summary>Every stored protocol holds only marks on its template's scales; every published version passes the template check.</summary>
    private async Task ObservationRecordsValidAsync(List<string> problems)
    {
        var tables = app.Service<TableServiceClient>();
        var names = app.Service<StorageNames>();
        var templates = app.Service<MethodDays.Features.Observations.ProtocolTemplateStore>();
        await foreach (var row in tables.GetTableClient(names.Table(MethodDays.Features.Observations.ProtocolStore.Table)).QueryAsync<TableEntity>())
        {
            if (!row.RowKey.StartsWith("p|", StringComparison.Ordinal) && !row.RowKey.StartsWith("r|", StringComparison.Ordinal))
            {
                continue;
            }

            var template = await templates.FindAsync("north", row.GetString("TemplateVersion"), CancellationToken.None);
            var content = StoredJson.Read<MethodDays.Features.Observations.ProtocolContent>(row.GetString("Content"));
            if (template is null || content is null || content.Marks.Any(m => template.ScaleOf(m.Key) is not { NoteOnly: false } scale || !scale.Allows(m.Value))
                || content.Notes.Any(n => n.Text.Length is 0 or > 2000))
            {
                problems.Add($"protocol {row.PartitionKey}/{row.RowKey} breaks the protocol rules");
            }
        }

        await foreach (var row in tables.GetTableClient(names.Table(MethodDays.Features.Observations.ProtocolTemplateStore.Table)).QueryAsync<TableEntity>())
        {
            var template = System.Text.Json.JsonSerializer.Deserialize<MethodDays.Features.Observations.ProtocolTemplate>(row.GetString("Json"), StoredJson.Options);
            if (template is null || template.Check().Any)
            {
                problems.Add($"protocol version {row.RowKey} breaks the template rules");
            }
        }
    }
}
