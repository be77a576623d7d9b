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
        group.MapGet("/cycle", GetAsync).WithName("GetCycle").WithSummary("Шаги недельного цикла, пресеты, пропущенные недели");
        group.MapPut("/cycle", SaveAsync).WithName("SaveCycle").WithSummary("Выбрать пресет или настроить шаги (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        group.MapPut("/weeks/{week}/skip", SkipAsync).WithName("SkipWeek").WithSummary("Пропустить неделю (каникулы, праздники)");
        group.MapDelete("/weeks/{week}/skip", UnskipAsync).WithName("UnskipWeek").WithSummary("Вернуть пропущенную неделю");
        group.MapPut("/settings", SaveSettingsAsync).WithName("SaveMunicipalitySettings").WithSummary("Название и часовой пояс муниципалитета");
    }

    public static async Task<Results<Ok<CycleView>, ProblemHttpResult>> GetAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, CycleStore store, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return Problems.Forbidden("Эти данные относятся к другому муниципалитету.");
        }

        return TypedResults.Ok(await ViewAsync(municipalityId, directory, store, ct));
    }

    private static async Task<CycleView> ViewAsync(string municipalityId, DirectoryStore directory, CycleStore store, CancellationToken ct)
    {
        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        var template = await store.GetTemplateAsync(municipalityId, ct);
        var skipped = await store.SkippedWeeksAsync(municipalityId, ct);
        return new CycleView(template, CyclePresets.All,
            [.. skipped.OrderBy(s => s.Key).Select(s => new SkippedWeek(s.Key.ToString(), s.Key.RussianRange, s.Value))], municipality?.TimeZone ?? "");
    }

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, CycleInput input, CurrentUser user, DirectoryStore directory, CycleStore store, TimeProvider time, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Недельный цикл настраивает муниципальный координатор.");
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

        await store.SaveTemplateAsync(municipalityId, template!, user.Member.DisplayName, time.GetUtcNow(), ct);
        return TypedResults.Ok(await ViewAsync(municipalityId, directory, store, ct));
    }

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> SkipAsync(
        string municipalityId, string week, SkipInput input, CurrentUser user, DirectoryStore directory, CycleStore store, TimeProvider time, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Пропустить неделю может муниципальный координатор.");
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

        await store.SkipWeekAsync(municipalityId, w!.Value, reason, user.Member.DisplayName, time.GetUtcNow(), ct);
        return TypedResults.Ok(await ViewAsync(municipalityId, directory, store, ct));
    }

    public static async Task<Results<Ok<CycleView>, ValidationProblem, ProblemHttpResult>> UnskipAsync(
        string municipalityId, string week, CurrentUser user, DirectoryStore directory, CycleStore store, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Вернуть неделю может муниципальный координатор.");
        }

        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        try
        {
            await store.UnskipWeekAsync(municipalityId, w, ct);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Already not skipped: the same outcome.
        }

        return TypedResults.Ok(await ViewAsync(municipalityId, directory, store, ct));
    }

    public static async Task<Results<Ok<Municipality>, ValidationProblem, ProblemHttpResult>> SaveSettingsAsync(
        string municipalityId, MunicipalitySettingsInput input, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Настройки муниципалитета меняет координатор.");
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

        var existing = await directory.GetMunicipalityAsync(municipalityId, ct);
        var start = input.ProgrammeStart ?? existing?.ProgrammeStart ?? Municipality.DefaultProgrammeStart;
        var municipality = new Municipality(municipalityId, name, input.TimeZone!, start);
        await directory.UpsertMunicipalityAsync(municipality, ct);
        return TypedResults.Ok(municipality);
    }
}
