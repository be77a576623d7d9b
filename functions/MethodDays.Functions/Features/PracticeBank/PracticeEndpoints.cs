using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>Practices: find, create, read, edit, delete a draft; the form's options.</summary>
internal static class PracticeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practices").WithTags("Банк практик");
        group.MapGet("", ListAsync).WithName("ListPractices").WithSummary("Банк практик: поиск по названию, описанию и авторам, фильтры")
            .ProducesProblems(400, 403, 404);
        group.MapPost("", CreateAsync).WithName("CreatePractice").WithSummary("Новая практика (черновик)")
            .WithMetadata(new RequestSizeLimitAttribute(96 * 1024))
            .ProducesProblems(403, 404, 413);
        group.MapGet("/{practiceId}", GetAsync).WithName("GetPractice").WithSummary("Практика с файлами и историей рассмотрения")
            .ProducesProblems(403, 404);
        group.MapPut("/{practiceId}", UpdateAsync).WithName("UpdatePractice").WithSummary("Изменить черновик или возвращённую практику (If-Match)")
            .WithMetadata(new RequestSizeLimitAttribute(96 * 1024))
            .ProducesProblems(403, 404, 409, 413, 428);
        group.MapDelete("/{practiceId}", DeleteAsync).WithName("DeletePractice").WithSummary("Удалить черновик")
            .ProducesProblems(403, 404);
        api.MapGet("/practice-options", () => TypedResults.Ok(new PracticeOptions(
                PracticeRules.Subjects,
                Enum.GetValues<PracticeKind>(),
                new UploadRules(FileRules.Kinds, FileRules.MaxFilesPerPractice, FileRules.MaxBytesPerPractice, FileRules.BlockSize),
                [.. Diagnostics.Competences.All.Select(c => new CompetenceOption(c.Code, c.Label))])))
            .WithName("PracticeOptions").WithTags("Банк практик").WithSummary("Предметы, виды практик, какие файлы можно загружать, компетенции");
    }

    /// <summary>
    /// The bank by default: accepted practices, for everyone. Other states only through the state filter
    /// (<c>state=Review</c> is the reviewers' queue: sent and under review), and then only what the person may read.
    /// </summary>
    public static async Task<Results<Ok<PracticeList>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string municipalityId, [AsParameters] PracticeRequest r,
        string? q = null, string? topic = null, string? subject = null, int? grade = null, PracticeKind? kind = null,
        string? school = null, string? year = null, string? state = null, int skip = 0, int take = 50)
    {
        if (!(await r.Scope.MemberAsync(r.User, municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!PracticeSearch.TryStates(state, out var states))
        {
            var errors = new FieldErrors();
            errors.Add("state", "Неизвестное состояние: в банке, на рассмотрении, отправлена, возвращена или черновик.");
            return errors.ToProblem();
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var terms = PracticeSearch.Terms(q);
        var filters = new ExportInput(null, topic, subject, grade, kind, school, year);
        var readable = (await r.Store.ListAsync(municipalityId, r.Ct)).Where(p => PracticeViews.CanRead(r.User, p)).ToList();
        var found = readable
            .Where(p => states.Contains(p.StateValue) && PracticeSearch.Matches(p, filters))
            .Select(p => (Practice: p, Score: PracticeSearch.Score(p, terms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Practice.UpdatedAt)
            .ToList();
        var page = found.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(x => PracticeViews.Card(x.Practice, schools.GetValueOrDefault(x.Practice.SchoolId, x.Practice.SchoolId)))
            .ToList();

        // The school filter offers exactly the schools the results can come from: every school with a practice this
        // person may read (a teacher sees the whole bank, so not just their own school).
        var schoolOptions = readable.Select(p => p.SchoolId).Distinct()
            .Select(id => new SchoolOption(id, schools.GetValueOrDefault(id, id)))
            .OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), false))
            .ToList();
        return TypedResults.Ok(new PracticeList(found.Count, page, schoolOptions));
    }

    public static async Task<Results<Created<PracticeView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string municipalityId, PracticeInput input, [AsParameters] PracticeRequest r, [FromQuery] string? schoolId = null)
    {
        var author = await r.Scope.MunicipalityAsync(
            r.User, municipalityId, u => u.MunicipalityId == municipalityId && u.Role is (Role.Teacher or Role.SchoolAdmin), r.Ct,
            "Практики добавляют педагоги и администрации школ.");
        if (!author.TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var school = schoolId ?? r.User.Member.SchoolIds.FirstOrDefault();
        if (school is null || !r.User.Member.SchoolIds.Contains(school))
        {
            return Problems.Forbidden("Практику можно добавить только от своей школы.");
        }

        var errors = new FieldErrors();
        var checkedInput = await PracticeRules.CheckAsync(input, municipalityId, r.Cycle, r.Templates, errors, r.Ct);
        if (checkedInput is null)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var practice = new PracticeEntity
        {
            PartitionKey = municipalityId,
            RowKey = PracticeStore.PracticeKey(Guid.NewGuid().ToString("n")[..12]),
            SchoolId = school,
            State = nameof(PracticeState.Draft),
            SchoolYear = PracticeViews.SchoolYear(DateOnly.FromDateTime(LocalTime.Now(r.Time, ctx.Municipality.TimeZone).DateTime)),
            CreatedById = r.User.PersonId,
            CreatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
        };
        PracticeRules.Apply(checkedInput, practice);
        await r.Store.AddAsync(practice, PracticeStore.Event(municipalityId, practice.Id, now, r.User.Member.DisplayName, "created", null, 0), r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/practices/{practice.Id}", await r.ViewAsync(practice));
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> GetAsync(string municipalityId, string practiceId, [AsParameters] PracticeRequest r)
    {
        if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await r.ViewAsync(ctx.Practice));
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string practiceId, PracticeInput input, [AsParameters] PracticeRequest r)
    {
        if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var practice = ctx.Practice;
        if (!PracticeViews.CanEdit(r.User, practice))
        {
            return Problems.Forbidden(practice.StateValue is PracticeState.Draft or PracticeState.Returned
                ? "Изменить практику может её автор или администрация школы."
                : "Практика на рассмотрении или уже в банке: изменить её нельзя.");
        }

        if (r.IfMatch is not { } ifMatch)
        {
            return Problems.PreconditionRequired("Передайте версию записи (заголовок If-Match), чтобы не затереть чужие правки.");
        }

        var errors = new FieldErrors();
        var checkedInput = await PracticeRules.CheckAsync(input, municipalityId, r.Cycle, r.Templates, errors, r.Ct);
        if (checkedInput is null)
        {
            return errors.ToProblem();
        }

        PracticeRules.Apply(checkedInput, practice);
        practice.UpdatedAt = r.Time.GetUtcNow();
        if (!await r.Store.UpdateAsync(practice, ifMatch, null, snapshot: false, r.Ct))
        {
            return Problems.Conflict("Практику уже изменил кто-то другой. Обновите страницу: ваши правки сохранены в форме.");
        }

        return TypedResults.Ok(await r.ViewAsync(practice));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string municipalityId, string practiceId, [AsParameters] PracticeRequest r)
    {
        if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(r.User, ctx.Practice) || ctx.Practice.Version > 0)
        {
            return Problems.Forbidden("Удалить можно только свой черновик, который ещё не отправлялся на рассмотрение.");
        }

        await r.Store.DeleteAsync(municipalityId, practiceId, r.Ct);
        await r.Files.DeleteAllAsync(municipalityId, practiceId, r.Ct);
        return TypedResults.NoContent();
    }
}
