using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Files;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Diagnostics;

/// <summary>
/// Seed 004's table as an .xlsx (download, fill, import) and the municipality's heat map. The import checks every row
/// before anything is written; a file with any bad cell is refused whole with each cell and its reason. Teachers are
/// matched by name against the school's staff list; importing the same file again changes nothing.
/// </summary>
internal static class DiagnosticFileEndpoints
{
    private const long MaxFileBytes = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/diagnostics").WithTags("Диагностика компетенций");
        group.MapGet("/{roundId}/workbook", WorkbookAsync).WithName("DiagnosticWorkbook")
            .WithSummary("Таблица диагностики .xlsx — она же шаблон для импорта: педагоги школы, вх. и повторн. диагностика, «Ср. показатель»")
            .ProducesProblems(403, 404);
        group.MapPost("/{roundId}/import", ImportAsync).WithName("DiagnosticImport")
            .WithSummary("Импорт таблицы диагностики из .xlsx (dryRun=true — только проверка): всё или ничего")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes)).ProducesProblems(403, 404, 409, 413);
        api.MapGet("/municipalities/{municipalityId}/diagnostics/heat-map", HeatMapAsync).WithTags("Диагностика компетенций").WithName("DiagnosticHeatMap")
            .WithSummary("Школы муниципалитета рядом: средние уровни компетенций по последней диагностике; дефициты по предметам (без отдельных педагогов)")
            .ProducesProblems(403, 404);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(
        string municipalityId, string schoolId, string roundId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.SeesTeachersResults(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (await DiagnosticEndpoints.TableOf(r, ctx, roundId) is not { } table)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        var listed = table.Rows.Select(x => x.TeacherId).ToHashSet();
        var others = (await r.Staff.ListAsync(municipalityId, schoolId, r.Ct))
            .Where(t => t.Active && !listed.Contains(t.TeacherId))
            .OrderBy(t => t.NameKey, StringComparer.Ordinal)
            .Select(t => t.FullName)
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(DiagnosticWorkbook.Write(table, others), DiagnosticWorkbook.XlsxType,
            $"Диагностика компетенций {ctx.School.ShortName} {table.Entry.Date}.xlsx");
    }

    public static async Task<Results<Ok<DiagnosticImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string municipalityId, string schoolId, string roundId, bool? dryRun, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepDiagnostics(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        // The staff list (and the school's rounds, unless this instance knows the round already) are read while the
        // file arrives and is parsed: neither depends on it.
        var staffRead = r.Staff.NamesAsync(municipalityId, schoolId, r.Ct);
        var known = r.Store.KnownRounds(municipalityId, schoolId);
        var (entry, repeat) = Pair(known, roundId);
        var roundsRead = entry is null ? ReadRoundsAsync() : null;
        using var buffer = await ExcelUpload.ReadAsync(r.Http.Request, r.Ct);
        if (roundsRead is not null)
        {
            (entry, repeat) = Pair(await roundsRead, roundId);
        }

        if (entry is null)
        {
            return Problems.NotFound("Такой диагностики у школы нет.");
        }

        const string NotExcel = "Загрузите файл Excel (.xlsx): лучше всего — скачанную таблицу диагностики.";
        if (!ExcelUpload.LooksLikeXlsx(buffer))
        {
            return Problems.Invalid("file", NotExcel);
        }

        IReadOnlyList<DiagnosticFileRow> rows;
        IReadOnlyList<ImportRowProblem> problems;
        try
        {
            buffer.Position = 0;
            (rows, problems) = DiagnosticWorkbook.Read(buffer);
        }
        catch (Exception ex) when (ImportGrid.Unreadable(ex) || ex is ZipTooLargeException)
        {
            return Problems.Invalid("file", "Файл не читается как книга Excel (.xlsx). " + NotExcel);
        }

        if (repeat is null && roundsRead is null && rows.Any(x => x.Repeat.Count > 0))
        {
            // The repeat round may have been created on another instance since this one listed the rounds.
            (entry, repeat) = Pair(await ReadRoundsAsync(), roundId);
        }

        static Dictionary<string, string> ByName(IReadOnlyList<(string TeacherId, string NameKey)> staff) =>
            staff.GroupBy(t => t.NameKey).ToDictionary(g => g.Key, g => g.First().TeacherId);
        var byName = ByName(await staffRead);
        if (rows.Any(row => !byName.ContainsKey(StaffRules.NameKey(row.Name))))
        {
            // A name the roster does not know: the staff rows themselves decide (a teacher added by an instance of
            // the previous release during a deployment is in the rows, not in the roster).
            byName = ByName(await r.Staff.NamesFromRowsAsync(municipalityId, schoolId, r.Ct));
        }

        var problemList = problems.ToList();
        var seen = new Dictionary<string, int>();
        var matched = new List<(DiagnosticFileRow Row, string TeacherId)>();
        foreach (var row in rows)
        {
            if (!byName.TryGetValue(StaffRules.NameKey(row.Name), out var teacherId))
            {
                problemList.Add(new(row.Row, $"B{row.Row}", "fullName", $"B{row.Row}: «{row.Name}» нет в списке педагогов школы. Добавьте педагога на странице «Педагоги школы» или исправьте ФИО."));
                continue;
            }

            if (seen.TryGetValue(teacherId, out var first))
            {
                problemList.Add(new(row.Row, $"B{row.Row}", "fullName", $"B{row.Row}: «{row.Name}» уже есть в строке {first}: у педагога одна строка."));
                continue;
            }

            seen[teacherId] = row.Row;
            if (row.Repeat.Count > 0 && repeat is null)
            {
                problemList.Add(new(row.Row, $"B{row.Row}", "fullName", $"Строка {row.Row}: в ней есть повторная диагностика, а повторной диагностики к этой входной у школы нет: создайте её, затем загрузите файл."));
                continue;
            }

            matched.Add((row, teacherId));
        }

        if (problemList.Count > 0)
        {
            // Keyed rows.{row}.{field} as the staff import does (a key loses a cell's capital letter); each message
            // and the "cells" list name the cell as Excel shows it.
            var errors = problemList
                .GroupBy(p => p.Field == "file" ? "file" : $"rows.{p.Row}.{p.Field}")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return TypedResults.ValidationProblem(errors,
                $"В файле ошибок: {problemList.Count}. Ничего не сохранено: исправьте отмеченные ячейки и загрузите файл ещё раз.",
                title: "Данные не прошли проверку", extensions: new Dictionary<string, object?> { ["cells"] = problemList });
        }

        var now = r.Time.GetUtcNow();
        var added = 0;
        var changedCount = 0;
        var unchanged = 0;
        var writes = new List<(RoundFacts Round, List<(ResultEntity, ResultEntity?)> Changes)>();
        foreach (var (round, pick) in new[] { (entry, (Func<DiagnosticFileRow, IReadOnlyDictionary<string, int?>>)(x => x.Entry)), (repeat, x => x.Repeat) })
        {
            if (round is null)
            {
                continue;
            }

            var fresh = matched
                .Where(x => pick(x.Row).Count > 0)
                .Select(x => DiagnosticEndpoints.NewResult(municipalityId, schoolId, round.RoundId, x.TeacherId,
                    Competences.All.ToDictionary(c => c.Code, c => pick(x.Row).GetValueOrDefault(c.Code)), r.User, now))
                .ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            if (dryRun != true)
            {
                // Optimistic: a round usually has no results yet when its file comes, so the rows are added without
                // reading the round first. A transaction refused because a result is there (a second import, results
                // typed in the page) writes nothing; the rest then goes the careful way below, compared with what is
                // stored.
                var written = await r.Store.AddAllAsync(fresh, r.Ct);
                added += written;
                if (written == fresh.Count)
                {
                    continue;
                }

                fresh = fresh.Skip(written).ToList();
            }

            var current = (await r.Store.ResultsAsync(municipalityId, schoolId, round.RoundId, r.Ct)).ToDictionary(x => x.TeacherId);
            var changes = new List<(ResultEntity, ResultEntity?)>();
            foreach (var next in fresh)
            {
                var previous = current.GetValueOrDefault(next.TeacherId);
                if (previous is not null && previous.Content == next.Content)
                {
                    unchanged++;
                    continue;
                }

                if (previous is null)
                {
                    added++;
                }
                else
                {
                    changedCount++;
                }

                changes.Add((next, previous));
            }

            writes.Add((round, changes));
        }

        if (dryRun != true)
        {
            foreach (var (_, changes) in writes)
            {
                if (!await r.Store.WriteAsync(changes, r.Ct))
                {
                    return Problems.Conflict("Пока файл загружался, результаты этой диагностики изменили. Загрузите файл ещё раз: уже записанные строки не изменятся, остальные допишутся.");
                }
            }
        }

        return TypedResults.Ok(new DiagnosticImportResult(dryRun == true, matched.Count, added, changedCount, unchanged));

        async Task<IReadOnlyList<RoundFacts>> ReadRoundsAsync() =>
            [.. (await r.Store.RoundsAsync(municipalityId, schoolId, r.Ct)).Select(RoundFacts.Of)];
    }

    /// <summary>The entry round of the asked one (itself, or the entry a repeat names) and its repeat, if any.</summary>
    private static (RoundFacts? Entry, RoundFacts? Repeat) Pair(IReadOnlyList<RoundFacts>? rounds, string roundId)
    {
        var asked = rounds?.FirstOrDefault(x => x.RoundId == roundId);
        var entry = asked?.Kind == "repeat" ? rounds!.FirstOrDefault(x => x.RoundId == asked.EntryRoundId) : asked;
        return (entry, entry is null ? null : rounds!.FirstOrDefault(x => x.EntryRoundId == entry.RoundId));
    }

    public static async Task<Results<Ok<HeatMap>, ProblemHttpResult>> HeatMapAsync(string municipalityId, [AsParameters] DiagnosticRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeHeatMap(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var schools = await r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var rounds = await r.Store.MunicipalityRoundsAsync(municipalityId, r.Ct);
        var results = (await r.Store.MunicipalityResultsAsync(municipalityId, r.Ct))
            .GroupBy(x => (x.SchoolId, x.RoundId))
            .ToDictionary(g => g.Key, g => g.ToList());
        var subjects = await r.Staff.MunicipalitySubjectsAsync(municipalityId, r.Ct);

        var rows = new List<HeatMapSchool>();
        var entryLevels = new List<(string TeacherKey, ResultEntity Result)>();
        foreach (var school in schools.OrderBy(s => s.ShortName, StringComparer.CurrentCulture))
        {
            var entry = rounds.Where(x => x.SchoolId == school.Id && x.Kind == "entry").MaxBy(x => x.Date);
            var repeat = entry is null ? null : rounds.FirstOrDefault(x => x.SchoolId == school.Id && x.EntryRoundId == entry.RoundId);
            var atEntry = entry is null ? [] : results.GetValueOrDefault((school.Id, entry.RoundId)) ?? [];
            var atRepeat = repeat is null ? [] : results.GetValueOrDefault((school.Id, repeat.RoundId)) ?? [];
            entryLevels.AddRange(atEntry.Select(x => ($"{school.Id}|{x.TeacherId}", x)));
            rows.Add(new HeatMapSchool(school.Id, school.ShortName, school.LowResults, entry?.Date, repeat?.Date, atEntry.Count,
                [.. Competences.All.Select(c => new TableCell(c.Code, Competences.Mean(atEntry.Select(x => x.Get(c.Code))), repeat is null ? null : Competences.Mean(atRepeat.Select(x => x.Get(c.Code)))))]));
        }

        var bySubject = entryLevels
            .SelectMany(e => (subjects.GetValueOrDefault(e.TeacherKey) ?? []).Select(s => (Subject: s, e.Result)))
            .GroupBy(x => x.Subject, StringComparer.CurrentCultureIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => new HeatMapSubject(g.Key, g.Count(),
                [.. Competences.All.Select(c => new TableCell(c.Code, Competences.Mean(g.Select(x => x.Result.Get(c.Code))), null))]))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HeatMap([.. Competences.All.Select(c => new CompetenceView(c.Code, c.Label, Competences.DefaultCutOffs[c.Code]))], rows, bySubject));
    }
}
