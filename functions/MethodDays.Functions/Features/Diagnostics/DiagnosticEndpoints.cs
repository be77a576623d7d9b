using Azure;
using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Diagnostics;

/// <summary>
/// The dependencies of the diagnostics handlers, bound with <c>[AsParameters]</c>. Services are marked: with the
/// compile-time request delegates an unmarked class in such a record is taken for a JSON body.
/// </summary>
internal sealed record DiagnosticRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DiagnosticStore Store,
    [FromServices] StaffStore Staff,
    [FromServices] DirectoryStore Directory,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A school's diagnostic rounds, a teacher's levels in a round, the round's cut-offs, and seed 004's table.</summary>
internal static class DiagnosticEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/diagnostics").WithTags("Диагностика компетенций");
        group.MapGet("", ListAsync).WithName("DiagnosticRounds").WithSummary("Диагностики школы (входные и повторные)").ProducesProblems(403, 404);
        group.MapPost("", CreateAsync).WithName("DiagnosticRoundCreate")
            .WithSummary("Новая диагностика: входная или повторная (с входной, которую она повторяет)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409);
        group.MapGet("/{roundId}", RoundAsync).WithName("DiagnosticRound")
            .WithSummary("Диагностика и результаты педагогов (педагогу — только свои); заголовок ETag — для границ уровней")
            .ProducesProblems(403, 404);
        group.MapPut("/{roundId}/cut-offs", CutOffsAsync).WithName("DiagnosticCutOffs")
            .WithSummary("Границы уровней по компетенциям (If-Match — ETag диагностики)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409, 428);
        group.MapPut("/{roundId}/results/{teacherId}", ResultAsync).WithName("DiagnosticResult")
            .WithSummary("Уровни компетенций педагога, %; изменение — с If-Match (ETag результата), прежние значения сохраняются")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409, 428);
        group.MapGet("/{roundId}/results/{teacherId}/history", HistoryAsync).WithName("DiagnosticResultHistory")
            .WithSummary("Прежние значения результата педагога").ProducesProblems(403, 404);
        group.MapGet("/{roundId}/table", TableAsync).WithName("DiagnosticTable")
            .WithSummary("Таблица как в программе гимназии № 48: вх. и повторн. диагностика по компетенциям, «Ср. показатель», уровни")
            .ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<RoundListView>, ProblemHttpResult>> ListAsync(string municipalityId, string schoolId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var rounds = await r.Store.RoundsAsync(municipalityId, schoolId, r.Ct);
        var counts = await r.Store.ResultCountsAsync(municipalityId, schoolId, r.Ct);
        var views = rounds.OrderBy(x => x.Date, StringComparer.Ordinal).ThenBy(x => x.Kind == "repeat")
            .Select(round => DiagnosticViews.Round(round, counts.GetValueOrDefault(round.RoundId)))
            .ToList();

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RoundListView(municipalityId, schoolId, ctx.School.ShortName, views,
            new DiagnosticPermissions(r.User.CanKeepDiagnostics(municipalityId, schoolId), r.User.SeesTeachersResults(municipalityId, schoolId))));
    }

    public static async Task<Results<Created<RoundView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string municipalityId, string schoolId, RoundInput input, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var now = r.Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var errors = new FieldErrors();
        var fields = DiagnosticRules.Check(input, today, errors);
        if (fields is null)
        {
            return errors.ToProblem();
        }

        var (kind, date, title, instrument, entryId) = fields.Value;
        var rounds = await r.Store.RoundsAsync(municipalityId, schoolId, r.Ct);
        RoundEntity? entry = null;
        if (entryId is not null)
        {
            entry = rounds.FirstOrDefault(x => x.RoundId == entryId);
            if (entry is null || entry.Kind != "entry")
            {
                return Problems.Invalid("entryRoundId", "Такой входной диагностики у школы нет.");
            }

            if (string.CompareOrdinal(date, entry.Date) <= 0)
            {
                return Problems.Invalid("date", $"Повторная диагностика не может быть раньше входной или в один день с ней: входная проведена {Russian(entry.Date)}.");
            }

            if (rounds.FirstOrDefault(x => x.EntryRoundId == entryId) is { } other)
            {
                return Problems.Conflict($"У входной диагностики от {Russian(entry.Date)} уже есть повторная — от {Russian(other.Date)}.",
                    new Dictionary<string, object?> { ["current"] = DiagnosticViews.Round(other, 0) });
            }
        }

        var id = $"{date}-{kind}";
        var round = new RoundEntity
        {
            PartitionKey = DiagnosticStore.SchoolPartition(municipalityId, schoolId),
            RowKey = id,
            MunicipalityId = municipalityId,
            SchoolId = schoolId,
            Kind = kind,
            Date = date,
            Title = title.Length > 0 ? title : $"{(kind == "repeat" ? "Повторная" : "Входная")} диагностика профессиональных компетенций, {Russian(date)}",
            Instrument = instrument,
            EntryRoundId = entryId,
            CutOffs = Platform.Storage.StoredJson.Write(entry?.CutOffMap ?? Competences.DefaultCutOffs),
            CreatedById = r.User.PersonId,
            CreatedAt = now,
            UpdatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
        };
        if (!await r.Store.AddRoundAsync(round, r.Ct))
        {
            var current = await r.Store.RoundAsync(municipalityId, schoolId, id, r.Ct);
            return Problems.Conflict($"{DiagnosticRules.KindLabel(kind)} диагностика от {Russian(date)} у школы уже есть.".ToUpperFirst(),
                new Dictionary<string, object?> { ["current"] = current is null ? null : DiagnosticViews.Round(current, 0) });
        }

        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/diagnostics/{id}", WithTag(r.Http, DiagnosticViews.Round(round, 0)));
    }

    public static async Task<Results<Ok<RoundDetails>, ProblemHttpResult>> RoundAsync(
        string municipalityId, string schoolId, string roundId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (await r.Store.RoundAsync(municipalityId, schoolId, roundId, r.Ct) is not { } round)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        var results = await r.Store.ResultsAsync(municipalityId, schoolId, roundId, r.Ct);
        var staff = await r.Staff.ListAsync(municipalityId, schoolId, r.Ct);
        var names = staff.ToDictionary(t => t.TeacherId, t => t.FullName);
        var visible = r.User.SeesTeachersResults(municipalityId, schoolId)
            ? results
            : results.Where(x => staff.Any(t => t.TeacherId == x.TeacherId && t.PersonId == r.User.PersonId)).ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RoundDetails(WithTag(r.Http, DiagnosticViews.Round(round, results.Count)),
            [.. visible.OrderBy(x => names.GetValueOrDefault(x.TeacherId, x.TeacherId), StringComparer.CurrentCulture)
                .Select(x => DiagnosticViews.Result(x, round, names.GetValueOrDefault(x.TeacherId, "педагог не найден в списке школы")))]));
    }

    public static async Task<Results<Ok<RoundView>, ValidationProblem, ProblemHttpResult>> CutOffsAsync(
        string municipalityId, string schoolId, string roundId, CutOffsInput input, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag диагностики: так ничьи изменения не потеряются.");
        }

        if (await r.Store.RoundAsync(municipalityId, schoolId, roundId, r.Ct) is not { } round)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        var errors = new FieldErrors();
        if (DiagnosticRules.CheckCutOffs(input?.CutOffs, errors) is not { } cuts)
        {
            return errors.ToProblem();
        }

        var merged = round.CutOffMap.ToDictionary(kv => kv.Key, kv => cuts.GetValueOrDefault(kv.Key) ?? kv.Value);
        round.CutOffs = Platform.Storage.StoredJson.Write(merged);
        round.UpdatedByName = r.User.Member.DisplayName;
        round.UpdatedAt = r.Time.GetUtcNow();
        if (!await r.Store.UpdateRoundAsync(round, new ETag(tag), r.Ct))
        {
            var current = await r.Store.RoundAsync(municipalityId, schoolId, roundId, r.Ct);
            return Problems.Conflict($"Границы уровней уже изменил(а) {current?.UpdatedByName}. Ваши изменения не сохранены: посмотрите текущие и сохраните ещё раз.",
                new Dictionary<string, object?> { ["current"] = current is null ? null : DiagnosticViews.Round(current, 0) });
        }

        return TypedResults.Ok(WithTag(r.Http, DiagnosticViews.Round(round, 0)));
    }

    public static async Task<Results<Ok<ResultView>, Created<ResultView>, ValidationProblem, ProblemHttpResult>> ResultAsync(
        string municipalityId, string schoolId, string roundId, string teacherId, ResultInput input, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (await r.Store.RoundAsync(municipalityId, schoolId, roundId, r.Ct) is not { } round)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        if (await r.Staff.GetAsync(municipalityId, schoolId, teacherId, r.Ct) is not { } teacher)
        {
            return Problems.Invalid("teacherId", "Такого педагога в списке школы нет: диагностика ведётся по педагогам своей школы.");
        }

        var errors = new FieldErrors();
        if (DiagnosticRules.CheckLevels(input?.Levels, errors) is not { } levels)
        {
            return errors.ToProblem();
        }

        var previous = await r.Store.ResultAsync(municipalityId, schoolId, roundId, teacherId, r.Ct);
        var ifMatch = r.Http.Request.Headers.IfMatch.FirstOrDefault();
        if (previous is not null && string.IsNullOrEmpty(ifMatch))
        {
            return Problems.PreconditionRequired("Результат педагога уже записан: укажите в заголовке If-Match его ETag, чтобы не затереть чужое изменение.");
        }

        var now = r.Time.GetUtcNow();
        var result = NewResult(municipalityId, schoolId, roundId, teacherId, levels, r.User, now);
        if (previous is not null)
        {
            if (previous.Content == result.Content)
            {
                return TypedResults.Ok(WithTag(r.Http, DiagnosticViews.Result(previous, round, teacher.FullName)));
            }

            if (previous.ETag.ToString() != ifMatch)
            {
                return Conflict(previous, round, teacher.FullName);
            }

            result.ETag = previous.ETag;
        }

        if (!await r.Store.WriteAsync([(result, previous)], r.Ct))
        {
            var current = await r.Store.ResultAsync(municipalityId, schoolId, roundId, teacherId, r.Ct);
            if (current is not null && current.Content == result.Content && current.UpdatedById == r.User.PersonId)
            {
                return TypedResults.Ok(WithTag(r.Http, DiagnosticViews.Result(current, round, teacher.FullName)));
            }

            return current is null ? Problems.Conflict("Результат только что изменили. Обновите страницу.") : Conflict(current, round, teacher.FullName);
        }

        var saved = await r.Store.ResultAsync(municipalityId, schoolId, roundId, teacherId, r.Ct) ?? result;
        var view = WithTag(r.Http, DiagnosticViews.Result(saved, round, teacher.FullName));
        return previous is null
            ? TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/diagnostics/{roundId}/results/{teacherId}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<IReadOnlyList<ResultView>>, ProblemHttpResult>> HistoryAsync(
        string municipalityId, string schoolId, string roundId, string teacherId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.SeesTeachersResults(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (await r.Store.RoundAsync(municipalityId, schoolId, roundId, r.Ct) is not { } round)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        var name = (await r.Staff.GetAsync(municipalityId, schoolId, teacherId, r.Ct))?.FullName ?? "педагог не найден в списке школы";
        var history = await r.Store.HistoryAsync(municipalityId, schoolId, roundId, teacherId, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok<IReadOnlyList<ResultView>>([.. history.Select(h => DiagnosticViews.Result(h, round, name))]);
    }

    public static async Task<Results<Ok<DiagnosticTable>, ProblemHttpResult>> TableAsync(
        string municipalityId, string schoolId, string roundId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (await TableOf(r, ctx, roundId) is not { } table)
        {
            return Problems.NotFound("Такой входной диагностики у школы нет.");
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(table);
    }

    /// <summary>The table of an entry round (or of the entry a repeat round repeats) with its repeat, as this person may see it.</summary>
    internal static async Task<DiagnosticTable?> TableOf(DiagnosticRequest r, SchoolContext ctx, string roundId)
    {
        var (m, s) = (ctx.Municipality.Id, ctx.School.Id);
        var rounds = await r.Store.RoundsAsync(m, s, r.Ct);
        var asked = rounds.FirstOrDefault(x => x.RoundId == roundId);
        var entry = asked?.Kind == "repeat" ? rounds.FirstOrDefault(x => x.RoundId == asked.EntryRoundId) : asked;
        if (entry is null)
        {
            return null;
        }

        var repeat = rounds.FirstOrDefault(x => x.EntryRoundId == entry.RoundId);
        var staff = await r.Staff.ListAsync(m, s, r.Ct);
        var seesAll = r.User.SeesTeachersResults(m, s);
        var own = r.User.Role == Role.Teacher ? staff.FirstOrDefault(t => t.PersonId == r.User.PersonId)?.TeacherId : null;
        return DiagnosticViews.Table(ctx.School.ShortName, entry, repeat,
            await r.Store.ResultsAsync(m, s, entry.RoundId, r.Ct),
            repeat is null ? null : await r.Store.ResultsAsync(m, s, repeat.RoundId, r.Ct),
            staff.ToDictionary(t => t.TeacherId, t => t.FullName),
            rows: seesAll || own is not null, only: seesAll ? null : own);
    }

    internal static ResultEntity NewResult(string m, string s, string roundId, string teacherId, IReadOnlyDictionary<string, int?> levels, CurrentUser user, DateTimeOffset now)
    {
        var result = new ResultEntity
        {
            PartitionKey = DiagnosticStore.RoundPartition(m, s, roundId),
            RowKey = ResultEntity.CurrentPrefix + teacherId,
            MunicipalityId = m,
            SchoolId = s,
            RoundId = roundId,
            TeacherId = teacherId,
            UpdatedById = user.PersonId,
            UpdatedByName = user.Member.DisplayName,
            UpdatedAt = now,
        };
        foreach (var (code, value) in levels)
        {
            result.Set(code, value);
        }

        return result;
    }

    internal static string Russian(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", out var d) ? d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("ru-RU")) : isoDate;

    private static string ToUpperFirst(this string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static ProblemHttpResult Conflict(ResultEntity current, RoundEntity round, string name) =>
        Problems.Conflict($"Результат педагога уже изменил(а) {current.UpdatedByName}. Ваши значения не сохранены: сравните их с текущими и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = DiagnosticViews.Result(current, round, name) });

    private static T WithTag<T>(HttpContext http, T view)
    {
        var tag = view switch
        {
            RoundView rv => rv.ETag,
            ResultView res => res.ETag,
            _ => null,
        };
        if (!string.IsNullOrEmpty(tag))
        {
            http.Response.Headers.ETag = tag;
        }

        return view;
    }
}

/// <summary>A round with the results this person may read.</summary>
public sealed record RoundDetails(RoundView Round, IReadOnlyList<ResultView> Results);
