using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Routes;
using MethodDays.Features.Visits;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Subscription;

/// <summary>
/// Seed 002, IV «Показатели результативности проекта», counted from the records of the schools with an agreed application
/// for the year. Numbers only: no teacher is named.
/// </summary>
internal static class IndicatorEndpoints
{
    private static readonly StringComparer Russian = StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/municipalities/{municipalityId}/subscription/indicators", IndicatorsAsync).WithName("SubscriptionIndicators").WithTags("Методический абонемент")
            .WithSummary("Показатели результативности абонемента за учебный год: дефициты, маршруты, модули, участие, практики в банке").ProducesProblems(400, 403, 404);

    public static async Task<Results<Ok<Indicators>, ValidationProblem, ProblemHttpResult>> IndicatorsAsync(
        string municipalityId, string? year, [AsParameters] SubscriptionRequest r, [AsParameters] IndicatorSources sources)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Показатели абонемента видят координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.TryYear(year, r.Time, ctx.Municipality, out var y))
        {
            return Problems.Invalid("year", SubscriptionRules.YearHint);
        }

        var names = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var schools = (await r.Store.ListAsync<ApplicationEntity>(municipalityId, SubscriptionStore.ApplicationKey(y, ""), r.Ct))
            .Where(a => a.Status == SubscriptionRules.Agreed && names.ContainsKey(a.SchoolId)).Select(a => a.SchoolId)
            .OrderBy(s => names[s], Russian).ToList();

        // 1) Deficits: a competence below the high level at the latest entry diagnostic up to the year's end; removed when the
        // repeat diagnostic of that entry reaches the high level, reduced when it rose a level without reaching it.
        int found = 0, removed = 0, reduced = 0;
        foreach (var s in schools)
        {
            var rounds = await sources.Diagnostics.RoundsAsync(municipalityId, s, r.Ct);
            var entry = rounds.Where(x => x.Kind == "entry" && string.CompareOrdinal(x.Date, SubscriptionRules.Iso(SchoolYears.End(y))) <= 0)
                .OrderByDescending(x => x.Date, StringComparer.Ordinal).FirstOrDefault();
            if (entry is null)
            {
                continue;
            }

            var repeat = rounds.Where(x => x.Kind == "repeat" && x.EntryRoundId == entry.RoundId).OrderByDescending(x => x.Date, StringComparer.Ordinal).FirstOrDefault();
            var after = repeat is null ? [] : (await sources.Diagnostics.ResultsAsync(municipalityId, s, repeat.RoundId, r.Ct)).ToDictionary(x => x.TeacherId);
            foreach (var result in await sources.Diagnostics.ResultsAsync(municipalityId, s, entry.RoundId, r.Ct))
            {
                foreach (var c in Competences.All)
                {
                    if (result.Get(c.Code) is not { } level || Competences.Level(level, entry.CutOffMap[c.Code]) == "high")
                    {
                        continue;
                    }

                    found++;
                    if (repeat is not null && after.GetValueOrDefault(result.TeacherId)?.Get(c.Code) is { } later)
                    {
                        var now = Competences.Level(later, repeat.CutOffMap[c.Code]);
                        if (now == "high")
                        {
                            removed++;
                        }
                        else if (now == "medium" && Competences.Level(level, entry.CutOffMap[c.Code]) == "low")
                        {
                            reduced++;
                        }
                    }
                }
            }
        }

        // 2) Routes: teachers of the project's schools whose route for the year has a module of the subscription.
        var period = RouteRules.PeriodOf(SchoolYears.Start(y));
        var routes = (await r.Routes.MunicipalityAsync(municipalityId, period, r.Ct)).Where(x => schools.Contains(x.SchoolId)).ToList();
        var onRoutes = routes.Count(x => x.ItemList.Any(i => i.Form == "subscription" && i.Status != "cancelled"));
        var itemsDone = routes.Sum(x => x.ItemList.Count(i => i.Form == "subscription" && i.Status == "done"));

        // 3) Modules delivered (at least one session held), by form and by school; 4) participation.
        var modules = (await r.Store.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, r.Ct)).Where(m => m.Year == y).ToList();
        var sessions = await ModuleEndpoints.SessionsAsync(r.Store, municipalityId, r.Ct);
        var delivered = modules.Where(m => sessions.ContainsKey(m.ModuleId)).ToList();
        var attendances = delivered.SelectMany(m => sessions[m.ModuleId]).SelectMany(s => s.AttendeeList).ToList();
        var participation = new List<CountBy>();
        foreach (var s in schools)
        {
            var staff = (await r.Staff.ListAsync(municipalityId, s, r.Ct)).Count(t => t.Active);
            var came = attendances.Where(a => a.SchoolId == s).Select(a => a.TeacherId).Distinct().Count();
            participation.Add(new CountBy(s, $"{names[s]} ({came} из {staff})", came));
        }

        // 5) Collective practices: accepted into the bank from the project's schools in the year.
        var bankYear = SchoolYears.BankSpelling(y);
        var practices = (await sources.Practices.ListAsync(municipalityId, r.Ct))
            .Where(p => p.StateValue == PracticeState.Accepted && p.SchoolYear == bankYear && schools.Contains(p.SchoolId)).ToList();

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Indicators(y, SchoolYears.Label(y), schools.Count, found, removed, reduced, onRoutes, itemsDone, modules.Count, delivered.Count,
            [.. SubscriptionRules.Forms.Select(f => new CountBy(f.Code, f.Label, delivered.Count(m => m.Form == f.Code)))],
            [.. schools.Select(s => new CountBy(s, names[s], delivered.Count(m => m.SchoolList.Contains(s))))],
            attendances.Select(a => (a.SchoolId, a.TeacherId)).Distinct().Count(), attendances.Count, participation,
            practices.Count, [.. schools.Select(s => new CountBy(s, names[s], practices.Count(p => p.SchoolId == s)))],
            "Дефицит — компетенция ниже высокого уровня по входной диагностике; устранён — по повторной диагностике высокий уровень, снижен — низкий стал средним. "
            + "Это прочтение MethodDays: положение о проекте показатели не измеряет. Результаты коллективной подготовки, как сказано в положении, имеют отсроченный характер."));
    }
}
