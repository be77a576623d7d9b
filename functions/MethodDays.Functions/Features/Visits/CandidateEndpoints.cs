using Azure;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Progress;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// The candidates list: every school of the municipality ranked by the criteria that are on (the sum of the weights of
/// those it meets), each with the values that put it there; and the criteria's settings.
/// </summary>
internal static class CandidateEndpoints
{
    /// <summary>How far back participation is counted: the last 8 whole weeks of the cycle and 3 whole months of sheets.</summary>
    public const int ParticipationWeeks = 8;
    public const int ParticipationMonths = 3;

    private const string Tag = "Посещения школ";

    public static void Map(RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/municipalities/{municipalityId}/visits").WithTags(Tag);
        visits.MapGet("/candidates", CandidatesAsync).WithName("VisitCandidates")
            .WithSummary("Школы-кандидаты на «Методический день» по включённым критериям (year — учебный год результатов, по умолчанию текущий)")
            .ProducesProblems(400, 403, 404);
        visits.MapGet("/criteria", CriteriaAsync).WithName("VisitCriteria").WithSummary("Критерии выбора школы: включены ли, вес, порог")
            .ProducesProblems(403, 404);
        visits.MapPut("/criteria", SaveCriteriaAsync).WithName("SaveVisitCriteria")
            .WithSummary("Изменить критерии (координатор); If-Match — ETag, если критерии уже меняли")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
    }

    public static async Task<Results<Ok<CandidatesView>, ValidationProblem, ProblemHttpResult>> CandidatesAsync(
        string municipalityId, string? year, [AsParameters] VisitRequest r, [AsParameters] CandidateSources sources)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var zone = LocalTime.Zone(ctx.Municipality.TimeZone);
        var now = TimeZoneInfo.ConvertTime(r.Time.GetUtcNow(), zone);
        var today = DateOnly.FromDateTime(now.DateTime);
        var y = SchoolYears.Of(today);
        if (year is not null && !SchoolYears.TryParse(year, out y))
        {
            return Problems.Invalid("year", "Учебный год — в виде «2025-2026».");
        }

        var criteria = Criteria.Effective(StoredJson.Read<List<CriterionSetting>>((await r.Store.GetCriteriaAsync(municipalityId, r.Ct))?.Settings));
        var schools = await r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var results = (await r.Store.YearAsync(municipalityId, y, r.Ct)).ToDictionary(e => e.SchoolId);
        var shnor = (await r.Store.ShnorAsync(municipalityId, r.Ct)).ToDictionary(e => e.SchoolId);
        var visits = (await r.Store.VisitsAsync(municipalityId, r.Ct)).Where(v => v.Status == VisitRules.Planned).ToList();
        var requests = await r.Store.RequestsAsync(municipalityId, r.Ct);
        // Open items are those planned or in progress; the overdue query with no due date limit reads exactly them.
        var openHelp = (await sources.HelpPlans.OverdueAsync(municipalityId, DateOnly.MaxValue, r.Ct)).GroupBy(i => i.SchoolId).ToDictionary(g => g.Key, g => g.Count());
        var participation = await ParticipationAsync(ctx.Municipality, schools, y, today, sources, r.Ct);

        var rows = new List<CandidateView>();
        foreach (var school in schools)
        {
            var iso = VisitRules.Iso(today);
            var past = visits.Where(v => v.SchoolId == school.Id && string.CompareOrdinal(v.Date, iso) <= 0).Select(v => v.Date).Max();
            var next = visits.Where(v => v.SchoolId == school.Id && string.CompareOrdinal(v.Date, iso) > 0).MinBy(v => v.Date);
            var request = requests.Where(q => q.SchoolId == school.Id && q.Status != VisitRules.Declined && string.CompareOrdinal(q.Month, iso[..7]) >= 0)
                .OrderBy(q => q.Status == VisitRules.Pending ? 0 : 1).ThenBy(q => q.Month, StringComparer.Ordinal).FirstOrDefault();
            var facts = new SchoolFacts(school, results.GetValueOrDefault(school.Id), ResultsEndpoints.OnShnorList(school, y, shnor.GetValueOrDefault(school.Id)),
                ResultsEndpoints.PeriodLabel(shnor.GetValueOrDefault(school.Id)), participation[school.Id],
                past is null ? null : DateOnly.ParseExact(past, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                openHelp.GetValueOrDefault(school.Id), request);
            var reasons = Criteria.Judge(facts, criteria, today);
            rows.Add(new CandidateView(school.Id, school.ShortName, school.Leader, reasons.Sum(x => x.Points),
                [.. reasons.OrderByDescending(x => x.Points).ThenBy(x => x.NoData)], past, next?.Date, next?.VisitId, facts.OpenHelpItems,
                request is null ? null : RequestEndpoints.View(request, school.ShortName)));
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new CandidatesView(municipalityId, y, SchoolYears.Label(y), [.. criteria.Select(Criteria.View)],
            [.. rows.OrderByDescending(x => x.Score).ThenBy(x => x.SchoolName, StringComparer.Ordinal)]));
    }

    public static async Task<Results<Ok<CriteriaView>, ProblemHttpResult>> CriteriaAsync(string municipalityId, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var saved = await r.Store.GetCriteriaAsync(municipalityId, r.Ct);
        return TypedResults.Ok(CriteriaViewOf(r, municipalityId, saved));
    }

    public static async Task<Results<Ok<CriteriaView>, ValidationProblem, ProblemHttpResult>> SaveCriteriaAsync(
        string municipalityId, CriteriaInput input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSetCriteria(municipalityId), r.Ct,
            "Критерии выбора школы меняет муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var settings = new List<CriterionSetting>();
        var list = input.Criteria ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            var definition = Criteria.All.FirstOrDefault(d => d.Code == s?.Code);
            if (s is null || definition is null)
            {
                errors.Add($"criteria.{i}.code", "Такого критерия нет.");
                continue;
            }

            if (s.Weight is < 0 or > Criteria.MaxWeight)
            {
                errors.Add($"criteria.{i}.weight", $"Вес — целое число от 0 до {Criteria.MaxWeight}.");
            }

            if (definition.ThresholdLabel is null && s.Threshold is not null)
            {
                errors.Add($"criteria.{i}.threshold", "У этого критерия нет порога.");
            }
            else if (s.Threshold is { } t && (t < 0 || t > 100))
            {
                errors.Add($"criteria.{i}.threshold", "Порог — число от 0 до 100.");
            }

            if (settings.Any(x => x.Code == s.Code))
            {
                errors.Add($"criteria.{i}.code", "Этот критерий уже есть в списке.");
            }

            settings.Add(s);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var saved = await r.Store.GetCriteriaAsync(municipalityId, r.Ct);
        var tag = r.Http.Request.Headers.IfMatch.FirstOrDefault();
        if (saved is not null && tag is { Length: > 0 } && tag != saved.ETag.ToString())
        {
            return Problems.Conflict($"Критерии уже изменил(а) {saved.UpdatedByName}. Обновите страницу и внесите изменения ещё раз.",
                new Dictionary<string, object?> { ["current"] = CriteriaViewOf(r, municipalityId, saved) });
        }

        var entity = saved ?? new CriteriaEntity { PartitionKey = municipalityId };
        var before = saved?.ETag;
        entity.Settings = StoredJson.Write(settings);
        entity.UpdatedByName = r.User.Member.DisplayName;
        entity.UpdatedAt = r.Time.GetUtcNow();
        if (!await r.Store.SaveCriteriaAsync(entity, before is { } b ? b : null, r.Ct))
        {
            return Problems.Conflict("Критерии только что изменили. Обновите страницу и внесите изменения ещё раз.");
        }

        return TypedResults.Ok(CriteriaViewOf(r, municipalityId, entity));
    }

    private static CriteriaView CriteriaViewOf(VisitRequest r, string municipalityId, CriteriaEntity? saved) => new(
        [.. Criteria.Effective(StoredJson.Read<List<CriterionSetting>>(saved?.Settings)).Select(Criteria.View)],
        r.User.CanSetCriteria(municipalityId), saved?.UpdatedAt, saved?.UpdatedByName, saved?.ETag.ToString());

    /// <summary>
    /// Participation of every school, from the other features' records: the school steps of the last whole weeks of
    /// the cycle (skipped weeks and weeks before the programme left out), the monthly sheets of the last whole months
    /// that concern the school, and the practices the bank accepted from it in the school year.
    /// </summary>
    private static async Task<Dictionary<string, Participation>> ParticipationAsync(
        Municipality municipality, IReadOnlyList<School> schools, string year, DateOnly today, CandidateSources s, CancellationToken ct)
    {
        var start = YearMonth.TryParse(municipality.ProgrammeStart, out var p) ? p.FirstDay : DateOnly.MinValue;
        var template = await s.Cycle.GetTemplateAsync(municipality.Id, ct);
        var skipped = await s.Cycle.SkippedWeeksAsync(municipality.Id, ct);
        var schoolSteps = template.Steps.Where(x => x.Actor == Actor.School).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var weeks = new List<WeekId>();
        for (var week = WeekId.Of(today).Previous; weeks.Count < ParticipationWeeks && week.Monday >= start && week.Monday > today.AddYears(-1); week = week.Previous)
        {
            if (!skipped.ContainsKey(week))
            {
                weeks.Add(week);
            }
        }

        // The weeks and months are read side by side: a few partition scans at once, not one after another.
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var read in await Task.WhenAll(weeks.Select(week => s.Cycle.ReadWeekAsync(municipality.Id, week, ct))))
        {
            foreach (var step in read.Steps.Where(x => schoolSteps.Contains(x.StepId)))
            {
                done[step.SchoolId] = done.GetValueOrDefault(step.SchoolId) + 1;
            }
        }

        var months = new List<YearMonth>();
        for (var m = YearMonth.Of(today).Previous; months.Count < ParticipationMonths && m.FirstDay >= start && m.FirstDay > today.AddYears(-1); m = m.Previous)
        {
            months.Add(m);
        }

        var sheets = (await Task.WhenAll(s.Sheets.SelectMany(source => months.Select(async m => (Source: source, Submitted: await source.SubmittedSchoolsAsync(municipality.Id, m, ct))))))
            .ToList();

        var bankYear = SchoolYears.BankSpelling(year);
        var accepted = (await s.Practices.ListAsync(municipality.Id, ct))
            .Where(x => x.StateValue == PracticeState.Accepted && x.SchoolYear == bankYear)
            .GroupBy(x => x.SchoolId).ToDictionary(g => g.Key, g => g.Count());

        return schools.ToDictionary(school => school.Id, school =>
        {
            var mine = sheets.Where(x => x.Source.Concerns(school)).ToList();
            return new Participation(done.GetValueOrDefault(school.Id), weeks.Count * schoolSteps.Count, weeks.Count,
                mine.Count(x => x.Submitted.Contains(school.Id)), mine.Count, months.Count, accepted.GetValueOrDefault(school.Id));
        });
    }
}
