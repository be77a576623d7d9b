using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MethodDays.Features.Notifications;
using MethodDays.Features.Routes;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Routes;

/// <summary>
/// A route item's evidence and its overdue reminder: the teacher marks their own item done, uploads a certificate
/// (PDF, JPEG or PNG only; nobody else's route; no other school), and an item past its end date and not done is
/// told to the teacher and the tutor once, on the day after its end date.
/// </summary>
public sealed class RouteEvidenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Routes = "/api/municipalities/north/schools/s1/routes";
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"u8];

    private async Task<string> TeacherAsync(string name, string? personId = null)
    {
        var created = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = name, subjects = new[] { "Математика" }, category = "first", position = "учитель", personId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    private async Task<HttpResponseMessage> RouteAsync(string teacher, params object[] items)
    {
        var created = await app.ClientFor("admin-s1").PutJsonAsync($"{Routes}/{teacher}/2026-27", new { tutorMemberId = "admin-s1b", items });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created;
    }

    private static object Item(string id, string content, string end, string status = "planned") =>
        new { id, competence = "methodical", content, form = "course", hours = 36, startDate = "2026-10-05", endDate = end, responsibleName = "Методист ИПК", status };

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task TheTeacherMarksTheirItemDoneWithACertificateAndNobodyElseCanUploadToTheirRoute()
    {
        app.Clock.SetUtcNow(AppFactory.DefaultNow);
        var own = await TeacherAsync("Удостоверенова Мария Петровна", personId: "teacher-s1");
        var other = await TeacherAsync("Чужова Ольга Ивановна");
        var created = await RouteAsync(own, Item("i1", "Курс «Формирующее оценивание»", "2027-05-20"));
        await RouteAsync(other, Item("i1", "Курс «Цифровые инструменты»", "2027-05-20"));
        var teacher = app.ClientFor("teacher-s1");
        var url = $"{Routes}/{own}/2026-27/items/i1";

        // A file that is not a certificate is refused whatever it is called; nothing is attached.
        var text = await (await teacher.PutAsync($"{url}/certificate?name=удостоверение.pdf", Bytes("просто текст, не PDF"u8.ToArray()))).AssertProblemAsync(400, "certificate");
        Assert.Contains("PDF, JPEG или PNG", (string?)text["errors"]!["certificate"]![0]);
        await (await teacher.PutAsync($"{url}/certificate", Bytes([0x4D, 0x5A, 0x90, 0x00, 0x03]))).AssertProblemAsync(400, "certificate");
        await (await teacher.PutAsync($"{url}/certificate", Bytes([]))).AssertProblemAsync(400, "certificate");

        // Not another teacher's route, not from another school or municipality, not the curator.
        await (await teacher.PutAsync($"{Routes}/{other}/2026-27/items/i1/certificate", Bytes(Pdf))).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").PutAsync($"{url}/certificate", Bytes(Pdf))).AssertProblemAsync(403);
        await (await app.ClientFor("admin-t1").PutAsync($"{url}/certificate", Bytes(Pdf))).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").PutAsync($"{url}/certificate", Bytes(Pdf))).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").GetAsync($"{url}/certificate")).AssertProblemAsync(403);
        await (await teacher.PutAsync($"{Routes}/{own}/2026-27/items/nope/certificate", Bytes(Pdf))).AssertProblemAsync(404);
        var routeAfterRefusals = await (await teacher.GetAsync($"{Routes}/{own}/2026-27")).ReadJsonAsync();
        Assert.Null(routeAfterRefusals["items"]![0]!["certificate"]);

        // The teacher's own certificate: kept under its name, read back by the school's administration.
        var uploaded = await teacher.PutAsync($"{url}/certificate?name={Uri.EscapeDataString("Удостоверение ИПК.pdf")}", Bytes(Pdf));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var certificate = (await uploaded.ReadJsonAsync())["items"]![0]!["certificate"]!;
        Assert.Equal("Удостоверение ИПК.pdf", (string?)certificate["fileName"]);
        Assert.Equal("Педагог Первой", (string?)certificate["byName"]);
        var file = await app.ClientFor("admin-s1").GetAsync($"{url}/certificate");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());

        // Marking done needs the route as read: a stale ETag is a conflict with the current route, nothing written.
        await (await teacher.PutJsonAsync($"{url}/progress", new { status = "done" })).AssertProblemAsync(428);
        var stale = await (await teacher.PutJsonAsync($"{url}/progress", new { status = "done" }, created.Headers.ETag!.ToString())).AssertProblemAsync(409);
        Assert.Equal("Удостоверение ИПК.pdf", (string?)stale["current"]!["items"]![0]!["certificate"]!["fileName"]);
        await (await teacher.PutJsonAsync($"{url}/progress", new { status = "cancelled" }, uploaded.Headers.ETag!.ToString())).AssertProblemAsync(400, "status");
        var done = await teacher.PutJsonAsync($"{url}/progress", new { status = "done", evidenceNote = "Удостоверение № 5421" }, uploaded.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await (await teacher.PutJsonAsync($"{Routes}/{other}/2026-27/items/i1/progress", new { status = "done" }, "W/\"x\"")).AssertProblemAsync(403);

        // The administration sees it done, and saving the plan again keeps the certificate with its item.
        var seen = await app.ClientFor("admin-s1").GetAsync($"{Routes}/{own}/2026-27");
        var item = (await seen.ReadJsonAsync())["items"]![0]!;
        Assert.Equal("выполнено", (string?)item["statusLabel"]);
        Assert.Equal("Удостоверение № 5421", (string?)item["evidenceNote"]);
        var resaved = await app.ClientFor("admin-s1").PutJsonAsync($"{Routes}/{own}/2026-27",
            new { tutorMemberId = "admin-s1b", items = new[] { Item("i1", "Курс «Формирующее оценивание» (72 ч)", "2027-05-20", "done") } }, seen.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, resaved.StatusCode);
        Assert.Equal("Удостоверение ИПК.pdf", (string?)(await resaved.ReadJsonAsync())["items"]![0]!["certificate"]!["fileName"]);
    }
}

/// <summary>
/// An item past its end date and not done is told to the teacher and the tutor once, on the day after its end date at
/// 09:00 the municipality's time; never before, never for a done or cancelled item.
/// </summary>
public sealed class RouteReminderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Routes = "/api/municipalities/north/schools/s1/routes";

    private static object Item(string id, string content, string end, string status = "planned") =>
        new { id, competence = "methodical", content, form = "course", hours = 36, startDate = "2026-10-05", endDate = end, responsibleName = "Методист ИПК", status };

    private async Task<(string Teacher, HttpResponseMessage Created)> RouteAsync(params object[] items)
    {
        var staff = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Срокова Инна Павловна", subjects = new[] { "Русский язык" }, category = "first", position = "учитель", personId = "teacher-s1" });
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        var teacher = (string)(await staff.ReadJsonAsync())["id"]!;
        var created = await app.ClientFor("admin-s1").PutJsonAsync($"{Routes}/{teacher}/2026-27", new { tutorMemberId = "admin-s1b", items });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (teacher, created);
    }

    [Fact]
    public async Task AnOverdueItemRemindsTheTeacherAndTheTutorOnceOnTheDayAfterItsEndAndNeverWhenDone()
    {
        app.Clock.SetUtcNow(AppFactory.DefaultNow);
        var (teacher, created) = await RouteAsync(
            Item("i1", "Семинар «Смысловое чтение»", "2026-11-20"),
            Item("i2", "Курс «Проектная деятельность»", "2026-11-20", "done"),
            Item("i3", "Открытый урок", "2026-11-20", "cancelled"),
            Item("i4", "Модуль абонемента «Оценивание»", "2026-11-25"));
        await Notices.DrainAsync(app);

        // North is Asia/Omsk (UTC+6): the end date 20 November passes at midnight; the reminder comes at 09:00 on the 21st.
        List<NotificationMessage> Reminders(List<NotificationMessage> all) => [.. all.Where(n => n.Kind == NotificationKind.RouteItemOverdue)];
        foreach (var early in new[] { new DateTimeOffset(2026, 11, 20, 17, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 2, 5, 0, TimeSpan.Zero) })
        {
            app.Clock.SetUtcNow(early);
            await TickAsync();
            Assert.Empty(Reminders(await Notices.DrainAsync(app)));
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 3, 5, 0, TimeSpan.Zero));
        await TickAsync();
        var sent = Reminders(await Notices.DrainAsync(app));
        Assert.Equal(["admin-s1b", "teacher-s1"], sent.Select(n => n.PersonId).Order().ToArray());
        Assert.All(sent, n =>
        {
            Assert.Contains("«Семинар «Смысловое чтение»»", n.Text, StringComparison.Ordinal);
            Assert.Contains("20 ноября 2026 г.", n.Text, StringComparison.Ordinal);
            Assert.Contains("Срокова Инна Павловна", n.Text, StringComparison.Ordinal);
            Assert.Equal($"/#/routes/s1/{teacher}/2026-27", n.Link);
        });

        // Once per item: later runs, the next day, send nothing more.
        foreach (var later in new[] { new DateTimeOffset(2026, 11, 21, 4, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 3, 5, 0, TimeSpan.Zero) })
        {
            app.Clock.SetUtcNow(later);
            await TickAsync();
            Assert.Empty(Reminders(await Notices.DrainAsync(app)));
        }

        // An item the teacher marks done before its end date passes is never reminded.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var done = await app.ClientFor("teacher-s1").PutJsonAsync($"{Routes}/{teacher}/2026-27/items/i4/progress", new { status = "done" }, (string)(await created.ReadJsonAsync())["eTag"]!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 3, 5, 0, TimeSpan.Zero));
        await TickAsync();
        Assert.Empty(Reminders(await Notices.DrainAsync(app)));
    }

    private async Task TickAsync()
    {
        var outcome = await app.Service<FunctionInvoker>().InvokeAsync(RouteReminderTimer.Name, new InvocationRequest(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Response.Logs));
    }
}
