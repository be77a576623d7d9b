using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Routes;

/// <summary>The dependencies of the evidence handlers; services are marked, else they are taken for a JSON body.</summary>
internal sealed record RouteEvidenceRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] RouteStore Store,
    [FromServices] RouteCertificateStore Certificates,
    [FromServices] StaffStore Staff,
    [FromServices] PracticeStore Practices,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// An item's progress and evidence: its status, a practice of the bank, a note, and a certificate (PDF, JPEG or PNG,
/// checked by its first bytes as the bank's uploads and the observation photos are). Progress never makes a new
/// revision. The teacher records their own route's progress; the school's administration and methodists any route's.
/// </summary>
internal static class RouteEvidenceEndpoints
{
    public const long MaxCertificateBytes = 5 * 1024 * 1024;

    private static readonly (string Extension, string ContentType)[] Kinds = [(".pdf", "application/pdf"), (".jpg", "image/jpeg"), (".png", "image/png")];

    public static void Map(RouteGroupBuilder api)
    {
        var item = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/routes/{teacherId}/{period}/items/{itemId}").WithTags("Индивидуальные образовательные маршруты");
        item.MapPut("/progress", ProgressAsync).WithName("RouteItemProgress")
            .WithSummary("Ход мероприятия: состояние, практика банка, примечание (If-Match — ETag маршрута); педагог отмечает свой маршрут")
            .WithMetadata(new RequestSizeLimitAttribute(8192)).ProducesProblems(400, 403, 404, 409, 428);
        item.MapPut("/certificate", UploadAsync).WithName("RouteItemCertificate")
            .WithSummary("Загрузить удостоверение или сертификат (тело — байты PDF, JPEG или PNG, до 5 МБ; ?name= — имя файла)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxCertificateBytes + 1024)).ProducesProblems(400, 403, 404, 413);
        item.MapGet("/certificate", DownloadAsync).WithName("RouteItemCertificateFile").WithSummary("Удостоверение или сертификат мероприятия").ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<RouteView>, ValidationProblem, ProblemHttpResult>> ProgressAsync(
        string municipalityId, string schoolId, string teacherId, string period, string itemId, ItemProgressInput input, [AsParameters] RouteEvidenceRequest r)
    {
        var (opened, problem) = await OpenAsync(r, municipalityId, schoolId, teacherId, period, itemId);
        if (opened is not { } o)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var status = input?.Status?.Trim();
        if (status is null || !RouteRules.Statuses.ContainsKey(status))
        {
            errors.Add("status", "Состояние — planned (запланировано), in-progress (выполняется), done (выполнено) или cancelled (отменено).");
        }
        else if (status == "cancelled" && o.Item.Status != "cancelled" && !r.User.CanKeepRoutes(municipalityId, schoolId))
        {
            errors.Add("status", "Отменить мероприятие маршрута может администрация школы или методист: это изменение плана.");
        }

        var practice = RouteRules.Optional(input?.PracticeId, "practiceId", 100, errors);
        if (practice is not null && (!practice.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || await r.Practices.GetAsync(municipalityId, practice, r.Ct) is null))
        {
            errors.Add("practiceId", "Такой практики в банке муниципалитета нет: проверьте ссылку.");
        }

        var note = RouteRules.Optional(input?.EvidenceNote, "evidenceNote", RouteRules.MaxNote, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag маршрута: так отмечается ход именно той редакции, которую вы видели.");
        }

        if (o.Route.ETag.ToString() != tag)
        {
            return await ConflictAsync(r, o, $"Маршрут изменился после того, как вы его открыли (изменил(а) {o.Route.UpdatedByName}). Ваша отметка не сохранена: посмотрите текущий маршрут и отметьте ещё раз.");
        }

        var next = o.Route.Copy(o.Route.RowKey);
        next.Items = Platform.Storage.StoredJson.Write(o.Route.ItemList.Select(i => i.Id == itemId ? i with { Status = status!, PracticeId = practice, EvidenceNote = note } : i).ToList());
        if (next.Items == o.Route.Items)
        {
            return TypedResults.Ok(await ViewAsync(r, o.Route, o.Teacher.FullName));
        }

        Touch(next, r);
        if (!await r.Store.ReplaceAsync(next, o.Route.ETag, null, r.Ct))
        {
            return await ConflictAsync(r, o, "Маршрут только что изменили. Ваша отметка не сохранена: посмотрите текущий маршрут и отметьте ещё раз.");
        }

        return TypedResults.Ok(await ViewAsync(r, next, o.Teacher.FullName));
    }

    public static async Task<Results<Ok<RouteView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string municipalityId, string schoolId, string teacherId, string period, string itemId, string? name, [AsParameters] RouteEvidenceRequest r)
    {
        var (opened, problem) = await OpenAsync(r, municipalityId, schoolId, teacherId, period, itemId);
        if (opened is not { } o)
        {
            return problem!;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await r.Http.Request.Body.ReadAsync(chunk, r.Ct)) > 0)
        {
            if (buffer.Length + read > MaxCertificateBytes)
            {
                return Problems.TooLarge("Файл больше 5 МБ: отсканируйте удостоверение с меньшим разрешением или сохраните его в PDF.");
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var head = bytes[..Math.Min(bytes.Length, 64)];
        var kind = Kinds.FirstOrDefault(k => FileRules.CheckSignature(k.Extension, head) is null);
        if (bytes.Length == 0 || kind.Extension is null)
        {
            return Problems.Invalid("certificate", "Это не удостоверение в PDF и не снимок: принимаются файлы PDF, JPEG или PNG.");
        }

        var fileName = FileRules.Sanitize(string.IsNullOrWhiteSpace(name) ? "Удостоверение" + kind.Extension : name.Trim());
        if (!string.Equals(Path.GetExtension(fileName), kind.Extension, StringComparison.OrdinalIgnoreCase)
            && !(kind.Extension == ".jpg" && string.Equals(Path.GetExtension(fileName), ".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            fileName = Path.GetFileNameWithoutExtension(fileName) + kind.Extension;
        }

        var blob = RouteCertificateStore.NewBlobName(municipalityId, schoolId, teacherId, o.Period);
        await r.Certificates.PutAsync(blob, new BinaryData(bytes), kind.ContentType, r.Ct);
        var certificate = new RouteCertificate(blob, fileName, kind.ContentType, bytes.Length, r.User.PersonId, r.User.Member.DisplayName, r.Time.GetUtcNow());

        // The certificate is the item's evidence, not a change of the plan: it is put on the current revision, whoever
        // changed the route meanwhile (a few tries when someone saves at the same moment).
        var route = o.Route;
        for (var attempt = 0; attempt < 3 && route is not null; attempt++)
        {
            var current = route.ItemList.FirstOrDefault(i => i.Id == itemId);
            if (current is null)
            {
                break;
            }

            var next = route.Copy(route.RowKey);
            next.Items = Platform.Storage.StoredJson.Write(route.ItemList.Select(i => i.Id == itemId ? i with { Certificate = certificate } : i).ToList());
            Touch(next, r);
            if (await r.Store.ReplaceAsync(next, route.ETag, null, r.Ct))
            {
                if (current.Certificate is { } old)
                {
                    await r.Certificates.DeleteAsync(old.Blob, r.Ct);
                }

                return TypedResults.Ok(await ViewAsync(r, next, o.Teacher.FullName));
            }

            route = await r.Store.GetAsync(municipalityId, schoolId, teacherId, o.Period, r.Ct);
        }

        await r.Certificates.DeleteAsync(blob, r.Ct);
        return await ConflictAsync(r, o, "Мероприятие только что убрали из маршрута или маршрут меняют прямо сейчас: удостоверение не сохранено. Откройте маршрут заново и загрузите файл ещё раз.");
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> DownloadAsync(
        string municipalityId, string schoolId, string teacherId, string period, string itemId, [AsParameters] RouteEvidenceRequest r)
    {
        var (opened, problem) = await OpenAsync(r, municipalityId, schoolId, teacherId, period, itemId, reading: true);
        if (opened is not { } o)
        {
            return problem!;
        }

        if (o.Item.Certificate is not { } c)
        {
            return Problems.NotFound("К этому мероприятию удостоверение не загружено.");
        }

        r.Http.Response.Headers.CacheControl = "private, no-store";
        r.Http.Response.Headers.ContentDisposition = DownloadNames.ContentDisposition(inline: false, c.FileName);
        return TypedResults.Stream(await r.Certificates.OpenAsync(c.Blob, r.Ct), c.ContentType);
    }

    private sealed record Opened(TeacherEntity Teacher, RouteEntity Route, RouteItem Item, string Period);

    /// <summary>
    /// The route and its item, if this person may record its progress (the teacher themselves, those who keep the
    /// school's routes) or, <paramref name="reading"/>, read it (also the route's tutor).
    /// </summary>
    private static async Task<(Opened? Opened, ProblemHttpResult? Problem)> OpenAsync(
        RouteEvidenceRequest r, string m, string s, string teacherId, string period, string itemId, bool reading = false)
    {
        if (!(await r.Scope.SchoolAsync(r.User, m, s, u => u.CanReachRoutes(m, s), r.Ct)).TryGet(out _, out var problem))
        {
            return (null, problem);
        }

        if (RouteRules.Period(period) is not { } p)
        {
            return (null, TypedResults.Problem(RouteRules.PeriodHint, statusCode: 400, title: "Данные не прошли проверку",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["period"] = [RouteRules.PeriodHint] } }));
        }

        if (await r.Staff.GetAsync(m, s, teacherId, r.Ct) is not { } teacher)
        {
            return (null, Problems.NotFound("Такого педагога в списке школы нет."));
        }

        var route = await r.Store.GetAsync(m, s, teacherId, p, r.Ct);
        var own = teacher.PersonId is { } person && person == r.User.PersonId;
        var may = r.User.CanKeepRoutes(m, s) || own || (reading && route?.TutorMemberId is { } tutor && tutor == r.User.PersonId);
        if (!may)
        {
            return (null, Problems.Forbidden(RouteEndpoints.Reads(r.User, m, s, teacher, route)
                ? "Ход мероприятий отмечает сам педагог, администрация школы или методист."
                : "Маршрут педагога видят он сам, его тьютор, администрация школы и методисты."));
        }

        if (route is null)
        {
            return (null, Problems.NotFound($"Маршрута на {RouteRules.PeriodLabel(p)} у педагога пока нет."));
        }

        if (route.ItemList.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return (null, Problems.NotFound("Такого мероприятия в маршруте нет: возможно, его только что убрали. Откройте маршрут заново."));
        }

        return (new Opened(teacher, route, item, p), null);
    }

    private static void Touch(RouteEntity next, RouteEvidenceRequest r)
    {
        next.UpdatedById = r.User.PersonId;
        next.UpdatedByName = r.User.Member.DisplayName;
        next.UpdatedAt = r.Time.GetUtcNow();
    }

    private static async Task<RouteView> ViewAsync(RouteEvidenceRequest r, RouteEntity route, string teacherName)
    {
        r.Http.Response.Headers.ETag = route.ETag.ToString();
        var consultations = await r.Store.ConsultationsAsync(route.MunicipalityId, route.SchoolId, route.TeacherId, route.Period, r.Ct);
        return RouteRules.View(route, teacherName, consultations);
    }

    private static async Task<ProblemHttpResult> ConflictAsync(RouteEvidenceRequest r, Opened o, string detail)
    {
        var current = await r.Store.GetAsync(o.Route.MunicipalityId, o.Route.SchoolId, o.Route.TeacherId, o.Period, r.Ct);
        return Problems.Conflict(detail, new Dictionary<string, object?> { ["current"] = current is null ? null : await ViewAsync(r, current, o.Teacher.FullName) });
    }
}
