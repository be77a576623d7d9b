using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Observations;

internal sealed record TemplateRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] ProtocolTemplateStore Templates,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// The municipality's protocol versions: everyone of the municipality reads them (an observer's phone keeps the one it
/// fills); the coordinator publishes a new version, checked whole, and old versions stay for the protocols filled on them.
/// </summary>
internal static class TemplateEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/municipalities/{municipalityId}/observation-templates").WithTags("Наблюдение уроков");
        templates.MapGet("", ListAsync).WithName("ObservationTemplates").WithSummary("Версии протокола наблюдения: действующая и прежние").ProducesProblems(403, 404);
        templates.MapGet("/{version}", GetAsync).WithName("ObservationTemplate").WithSummary("Версия протокола наблюдения (current — действующая)").ProducesProblems(403, 404);
        templates.MapPost("", PublishAsync).WithName("ObservationTemplatePublish")
            .WithSummary("Опубликовать новую версию протокола (координатор); прежние версии сохраняются")
            .WithMetadata(new RequestSizeLimitAttribute(256 * 1024)).ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<Ok<TemplateVersionsView>, ProblemHttpResult>> ListAsync(string municipalityId, [AsParameters] TemplateRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var published = await r.Templates.PublishedAsync(municipalityId, r.Ct);
        var current = await r.Templates.CurrentAsync(municipalityId, r.Ct);
        var versions = r.Templates.Shipped.ByVersion.Values.Select(t => new TemplateVersionRef(t.Version, t.Title, true, null, null))
            .Concat(published.OrderBy(p => p.PublishedAt).Select(p => new TemplateVersionRef(p.RowKey, ProtocolTemplateStore.Read(p).Title, false, p.PublishedAt, p.PublishedByName)))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TemplateVersionsView(current.Version, versions));
    }

    public static async Task<Results<Ok<ProtocolTemplate>, ProblemHttpResult>> GetAsync(string municipalityId, string version, [AsParameters] TemplateRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var template = version == "current" ? await r.Templates.CurrentAsync(municipalityId, r.Ct) : await r.Templates.FindAsync(municipalityId, version, r.Ct);
        if (template is null)
        {
            return Problems.NotFound("Такой версии протокола нет.");
        }

        // A published version never changes: the page may keep it (a phone opens the protocol with no network).
        r.Http.Response.Headers.CacheControl = version == "current" ? "no-store" : "private, max-age=86400";
        return TypedResults.Ok(template);
    }

    public static async Task<Results<Created<ProtocolTemplate>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string municipalityId, ProtocolTemplate template, [AsParameters] TemplateRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
                "Новую версию протокола публикует муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var errors = template.Check();
        if (errors.Any)
        {
            return errors.ToProblem("Версия протокола не опубликована: исправьте отмеченные поля.");
        }

        if (!await r.Templates.PublishAsync(municipalityId, template, r.User.Member.DisplayName, r.Time.GetUtcNow(), r.Ct))
        {
            return Problems.Conflict($"Версия «{template.Version}» уже есть: опубликованные версии не меняются, дайте новой версии другой номер.");
        }

        var stored = await r.Templates.FindAsync(municipalityId, template.Version, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/observation-templates/{template.Version}", stored!);
    }
}
