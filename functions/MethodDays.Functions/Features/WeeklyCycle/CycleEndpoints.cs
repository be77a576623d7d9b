using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>The municipality's cycle template, skipped weeks (holidays) and time zone.</summary>
internal static class CycleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}").WithTags("Недельный цикл ЕМД");
        group.MapGet("/cycle", GetAsync).WithName("GetCycle").WithSummary("Шаги недельного цикла, пресеты, пропущенные недели")
            .ProducesProblems(403, 404);
        group.MapPut("/cycle", SaveAsync).WithName("SaveCycle").WithSummary("Выбрать пресет или настроить шаги (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024)).ProducesProblems(403, 404);
        group.MapPut("/weeks/{week}/skip", SkipAsync).WithName("SkipWeek").WithSummary("Пропустить неделю (каникулы, праздники)")
            .ProducesProblems(403, 404);
        group.MapDelete("/weeks/{week}/skip", UnskipAsync).WithName("UnskipWeek").WithSummary("Вернуть пропущенную неделю")
            .ProducesProblems(403, 404);
        group.MapPut("/settings", SaveSettingsAsync).WithName("SaveMunicipalitySettings").WithSummary("Название и часовой пояс муниципалитета")
            .ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<CycleView>, ProblemHttpResult>> GetAsync(string municipalityId, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await ViewAsync(ctx.Municipality, r.Store, r.Ct));
    }

    private static async Task<CycleView> ViewAsync(Municipality municipality, CycleStore store, CancellationToken ct)
    {
        var template = await store.GetTemplateAsync(municipality.Id, ct);
        var skipped = await store.SkippedWeeksAsync(municipality.Id, ct);
        return new CycleView(template, CyclePresets.All,
            [.. skipped.OrderBy(s => s.Key).Select(s => new SkippedWeek(s.Key.ToString(), s.Key.RussianRange, s.Value))], municipality.TimeZone);
    }

    private static Task<Scoped<MunicipalityContext>> ManagerAsync(string municipalityId, WeekRequest r, string forbidden) =>
        r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct, forbidden);

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, CycleInput input, [AsParameters] WeekRequest r)
    {
        if (!(await ManagerAsync(municipalityId, r, "Недельный цикл настраивает муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        CycleTemplate? template;
        if (!string.IsNullOrEmpty(input.Preset) && input.Steps is null)
        {
            template = CyclePresets.Find(input.Preset);
            if (template is null)
            {
                errors.Add("preset", $"Пресета «{input.Preset}» нет. Есть: {string.Join(", ", CyclePresets.All.Select(p => p.Preset))}.");
            }
        }
        else if (input.Steps is not null)
        {
            template = new CycleTemplate("custom", string.IsNullOrWhiteSpace(input.Title) ? "Свой цикл муниципалитета" : input.Title.Trim(), input.Steps);
            CycleTemplate.Check(template, errors);
        }
        else
        {
            template = null;
            errors.Add("steps", "Выберите пресет или перечислите шаги цикла.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await r.Store.SaveTemplateAsync(municipalityId, template!, r.User.Member.DisplayName, r.Time.GetUtcNow(), r.Ct);
        return TypedResults.Ok(await ViewAsync(ctx.Municipality, r.Store, r.Ct));
    }

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> SkipAsync(
        string municipalityId, string week, SkipInput input, [AsParameters] WeekRequest r)
    {
        if (!(await ManagerAsync(municipalityId, r, "Пропустить неделю может муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is < 3 or > 300)
        {
            errors.Add("reason", "Укажите причину (от 3 до 300 символов), например «осенние каникулы».");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await r.Store.SkipWeekAsync(municipalityId, w!.Value, reason, r.User.Member.DisplayName, r.Time.GetUtcNow(), r.Ct);
        return TypedResults.Ok(await ViewAsync(ctx.Municipality, r.Store, r.Ct));
    }

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> UnskipAsync(
        string municipalityId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await ManagerAsync(municipalityId, r, "Вернуть неделю может муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        try
        {
            await r.Store.UnskipWeekAsync(municipalityId, w, r.Ct);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Already not skipped: the same outcome.
        }

        return TypedResults.Ok(await ViewAsync(ctx.Municipality, r.Store, r.Ct));
    }

    public static async Task<Results<Ok<Municipality>, ValidationProblem, ProblemHttpResult>> SaveSettingsAsync(
        string municipalityId, MunicipalitySettingsInput input, [AsParameters] WeekRequest r)
    {
        if (!(await ManagerAsync(municipalityId, r, "Настройки муниципалитета меняет координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is < 3 or > 200)
        {
            errors.Add("name", "Название муниципалитета: от 3 до 200 символов.");
        }

        if (!LocalTime.IsKnownZone(input.TimeZone))
        {
            errors.Add("timeZone", $"Часовой пояс «{input.TimeZone}» неизвестен. Укажите пояс IANA, например Europe/Moscow, Asia/Omsk, Asia/Novokuznetsk.");
        }

        if (input.ProgrammeStart is not null && !YearMonth.TryParse(input.ProgrammeStart, out _))
        {
            errors.Add("programmeStart", "Начало программы указывается как ГГГГ-ММ, например 2025-09.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var start = input.ProgrammeStart ?? ctx.Municipality.ProgrammeStart;
        var municipality = new Municipality(municipalityId, name, input.TimeZone!, start);
        await r.Directory.UpsertMunicipalityAsync(municipality, r.Ct);
        return TypedResults.Ok(municipality);
    }
}
