using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.People;

/// <summary>
/// What the setting-up handlers need: who asks, the scope resolver, the directory, the request. The services are
/// marked <c>[FromServices]</c>: the compile-time request delegate generator cannot tell a service from a body
/// otherwise, and would make even the GET route accept only JSON (and lose it to the web assets' catch-all).
/// </summary>
internal sealed record PeopleSetupRequest(CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] DirectoryStore Directory, HttpContext Http, CancellationToken Ct);

/// <summary>
/// Setting up a municipality without inventing codes: the Excel template, the import of a filled one, and adding a
/// single school or person with a code derived from the name (<see cref="PeopleCodes"/>). The PUT routes of
/// <see cref="PeopleEndpoints"/> still take an explicit code.
/// </summary>
internal static class PeopleImportEndpoints
{
    /// <summary>Thirty schools and two hundred people take some 20 KB; 5 MB leaves room for formatting and pictures.</summary>
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    private const string ImportForbidden = "Школы и людей из файла загружает муниципальный координатор.";

    public static void Map(RouteGroupBuilder api)
    {
        var mun = api.MapGroup("/municipalities/{municipalityId}").WithTags("Люди и школы");
        mun.MapGet("/people-import/template", Template).WithName("PeopleImportTemplate")
            .WithSummary("Шаблон Excel: школы и люди муниципалитета (координатор)").ProducesProblems(403, 404);
        mun.MapPost("/people-import", ImportAsync).WithName("PeopleImport")
            .WithSummary("Загрузить школы и людей из заполненного шаблона; ?dryRun=true — только проверить (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).ProducesProblems(400, 403, 404, 409, 413, 422);
        mun.MapPost("/schools", CreateSchoolAsync).WithName("CreateSchool")
            .WithSummary("Добавить школу; код составляется из краткого названия (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(403, 404, 409);
        mun.MapPost("/members", CreateMemberAsync).WithName("CreateMember")
            .WithSummary("Добавить участника; код составляется из имени (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Template(string municipalityId, [AsParameters] PeopleSetupRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct, ImportForbidden)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.File(PeopleWorkbook.Template(), PeopleWorkbook.ContentType, "Школы и люди — шаблон.xlsx");
    }

    /// <summary>
    /// The body is the .xlsx itself (or a multipart form with one file). Everything is checked before anything is
    /// written: with one bad row the answer is 422 with every bad cell and nothing is stored.
    /// </summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(string municipalityId, [AsParameters] PeopleSetupRequest r, bool dryRun = false)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct, ImportForbidden)).TryGet(out _, out var problem))
        {
            return problem;
        }

        using var upload = await ReadUploadAsync(r.Http, r.Ct);
        if (upload is null)
        {
            return Problems.TooLarge($"Файл больше {MaxUploadBytes / 1024 / 1024} МБ. Оставьте в нём только листы «Школы» и «Люди».");
        }

        var file = upload.Length == 0 ? null : PeopleImportFile.Read(upload);
        if (file is null)
        {
            return TypedResults.Problem(
                upload.Length == 0 ? "Приложите заполненный файл .xlsx." : "Файл не читается как книга Excel (.xlsx). Скачайте шаблон, заполните его и сохраните в формате .xlsx.",
                statusCode: 400,
                title: ProblemSetup.Titles[400]);
        }

        var schools = await r.Directory.ListSchoolVersionsAsync(municipalityId, r.Ct);
        var members = await r.Directory.ListMemberVersionsAsync(municipalityId, r.Ct);
        var owners = await r.Directory.FindEmailMunicipalitiesAsync(file.People.Select(p => p.Email), municipalityId, r.Ct);
        var plan = PeopleImport.Plan(file, municipalityId, r.User, schools, members, owners);
        if (plan.Errors.Count > 0)
        {
            return TypedResults.Problem(
                $"Ошибок в файле: {plan.Errors.Count}. Ничего не сохранено: исправьте отмеченные ячейки и загрузите файл снова.",
                statusCode: 422,
                title: ProblemSetup.Titles[422],
                extensions: new Dictionary<string, object?> { ["errors"] = plan.Errors });
        }

        if (!dryRun)
        {
            await r.Directory.ApplyImportAsync(plan.Schools, plan.Members, r.Ct);
        }

        return TypedResults.Ok(new ImportReport(dryRun, plan.SchoolCounts, plan.PeopleCounts, plan.Changes));
    }

    public static async Task<Results<Created<School>, ValidationProblem, ProblemHttpResult>> CreateSchoolAsync(string municipalityId, SchoolInput input, [AsParameters] PeopleSetupRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct, "Школы добавляет и изменяет муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var existing = await r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var same = existing.FirstOrDefault(s => Key(s.Name) == Key(input.Name) || Key(s.ShortName) == Key(input.ShortName));
        if (same is not null)
        {
            return Problems.Conflict($"Школа «{same.ShortName}» с таким названием уже есть (код «{same.Id}»).", new Dictionary<string, object?> { ["id"] = same.Id });
        }

        var id = PeopleCodes.Derive(input.ShortName, existing.Select(s => s.Id).ToHashSet(StringComparer.Ordinal), "school");
        var school = new School(municipalityId, id, input.Name.Trim(), input.ShortName.Trim(), input.Kind, input.LowResults, input.Improving, input.Leader);

        // Inserted, not upserted: two coordinators adding schools with one name at once get a conflict, not one school.
        await r.Directory.ApplyImportAsync([new(school, null)], [], r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{id}", school);
    }

    public static async Task<Results<Created<Member>, ValidationProblem, ProblemHttpResult>> CreateMemberAsync(string municipalityId, MemberInput input, [AsParameters] PeopleSetupRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct, "Участников добавляет и изменяет муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var email = input.Email.Trim();
        var members = await r.Directory.ListMembersAsync(municipalityId, r.Ct);
        var same = members.FirstOrDefault(m => string.Equals(m.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase));
        if (same is not null)
        {
            return Problems.Conflict($"Участник с этим e-mail уже есть: {same.DisplayName} (код «{same.PersonId}»).", new Dictionary<string, object?> { ["id"] = same.PersonId });
        }

        // The rules of the people page (PeopleEndpoints.SaveMemberAsync), with the same field names.
        var errors = new FieldErrors();
        var owners = await r.Directory.FindEmailMunicipalitiesAsync([email], municipalityId, r.Ct);
        if (owners.TryGetValue(email.ToLowerInvariant(), out var elsewhere) && elsewhere != municipalityId)
        {
            errors.Add("email", "Этот адрес уже используется в другом муниципалитете: один адрес может быть только в одном муниципалитете.");
        }

        var schoolIds = (input.SchoolIds ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct().ToList();
        var known = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).Select(s => s.Id).ToHashSet();
        foreach (var unknown in schoolIds.Where(s => !known.Contains(s)))
        {
            errors.Add("schoolIds", $"Школы «{unknown}» нет в муниципалитете.");
        }

        if (input.Role is Role.SchoolAdmin or Role.Teacher && schoolIds.Count != 1)
        {
            errors.Add("schoolIds", "Администратор школы и педагог относятся ровно к одной школе.");
        }

        if (input.Role is Role.Coordinator or Role.Methodist && schoolIds.Count != 0)
        {
            errors.Add("schoolIds", "Координатор и методист видят все школы муниципалитета; школы им не назначаются.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var id = PeopleCodes.Derive(input.DisplayName, members.Select(m => m.PersonId).ToHashSet(StringComparer.Ordinal), "person");
        var member = new Member(municipalityId, id, input.DisplayName.Trim(), email, input.Role, schoolIds, input.Active);
        await r.Directory.ApplyImportAsync([], [new(member, null)], r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/members/{id}", member);
    }

    /// <summary>The upload in memory (the Open XML SDK needs to seek), or null when it is over the limit.</summary>
    private static async Task<MemoryStream?> ReadUploadAsync(HttpContext http, CancellationToken ct)
    {
        var source = http.Request.Body;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            if (form.Files.Count == 0)
            {
                return new MemoryStream();
            }

            source = form.Files[0].OpenReadStream();
        }

        // Counted here as well: a chunked body has no Content-Length for the size check to see.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes)
            {
                await buffer.DisposeAsync();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string Key(string text) => PeopleImportFile.Key(text);
}
