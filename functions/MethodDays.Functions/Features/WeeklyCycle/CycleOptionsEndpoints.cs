using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>The municipality's choices about the cycle's notices (kept apart from the steps, so changing the preset keeps them).</summary>
internal static class CycleOptionsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}").WithTags("Недельный цикл ЕМД");
        group.MapGet("/cycle-options", GetAsync).WithName("GetCycleOptions").WithSummary("Настройки уведомлений цикла муниципалитета")
            .ProducesProblems(403);
        group.MapPut("/cycle-options", SaveAsync).WithName("SaveCycleOptions").WithSummary("Сообщать ли куратору о незаполненном листе самооценки (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(4 * 1024))
            .ProducesProblems(400, 403);
    }

    public static async Task<Results<Ok<CycleOptions>, ProblemHttpResult>> GetAsync(
        string municipalityId, CurrentUser user, CycleStore store, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return Problems.Forbidden("Эти данные относятся к другому муниципалитету.");
        }

        return TypedResults.Ok(await store.GetOptionsAsync(municipalityId, ct));
    }

    public static async Task<Results<Ok<CycleOptions>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, CycleOptionsInput input, CurrentUser user, CycleStore store, TimeProvider time, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Настройки уведомлений цикла меняет муниципальный координатор.");
        }

        if (input.EscalateSelfAssessment is not { } escalate)
        {
            var errors = new FieldErrors();
            errors.Add("escalateSelfAssessment", "Укажите, сообщать ли куратору о незаполненном листе самооценки: да или нет.");
            return errors.ToProblem();
        }

        var options = new CycleOptions(escalate);
        await store.SaveOptionsAsync(municipalityId, options, user.Member.DisplayName, time.GetUtcNow(), ct);
        return TypedResults.Ok(options);
    }
}
