using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

internal sealed record CycleOptionsRequest(CurrentUser User, ScopeResolver Scope, CycleStore Store, TimeProvider Time, CancellationToken Ct);

/// <summary>The municipality's choices about the cycle's notices (kept apart from the steps, so changing the preset keeps them).</summary>
internal static class CycleOptionsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/cycle/options").WithTags("Недельный цикл ЕМД");
        group.MapGet("", GetAsync).WithName("GetCycleOptions").WithSummary("Настройки уведомлений цикла муниципалитета")
            .ProducesProblems(403, 404);
        group.MapPut("", SaveAsync).WithName("SaveCycleOptions").WithSummary("Сообщать ли куратору о незаполненном листе самооценки (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(4 * 1024))
            .ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<CycleOptions>, ProblemHttpResult>> GetAsync(string municipalityId, [AsParameters] CycleOptionsRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await r.Store.GetOptionsAsync(municipalityId, r.Ct));
    }

    public static async Task<Results<Ok<CycleOptions>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, CycleOptionsInput input, [AsParameters] CycleOptionsRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
                "Настройки уведомлений цикла меняет муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (input.EscalateSelfAssessment is not { } escalate)
        {
            var errors = new FieldErrors();
            errors.Add("escalateSelfAssessment", "Укажите, сообщать ли куратору о незаполненном листе самооценки: да или нет.");
            return errors.ToProblem();
        }

        var options = new CycleOptions(escalate);
        await r.Store.SaveOptionsAsync(municipalityId, options, ctx.User.Member.DisplayName, r.Time.GetUtcNow(), r.Ct);
        return TypedResults.Ok(options);
    }
}
