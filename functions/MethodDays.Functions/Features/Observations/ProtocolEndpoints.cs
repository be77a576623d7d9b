using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Observations;

/// <summary>An observer's protocol of a lesson: read, save (offline saves arrive late and merge), release, revisions.</summary>
internal static class ProtocolEndpoints
{
    private const long MaxBodyBytes = 256 * 1024;

    public const string LessonRoute = "/municipalities/{municipalityId}/schools/{schoolId}/visits/{visitId}/lessons/{lessonId}";

    public static void Map(RouteGroupBuilder api)
    {
        var protocols = api.MapGroup(LessonRoute + "/observations/{observerId}").WithTags("Наблюдение уроков");
        protocols.MapGet("", GetAsync).WithName("ObservationProtocol")
            .WithSummary("Протокол наблюдателя (пустой, если ещё не начат); заголовок ETag — для сохранения").ProducesProblems(403, 404);
        protocols.MapPut("", SaveAsync).WithName("ObservationSave")
            .WithSummary("Сохранить протокол (только сам наблюдатель); If-Match — ETag, base — с чего начато на устройстве")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409);
        protocols.MapPost("/release", ReleaseAsync).WithName("ObservationRelease")
            .WithSummary("Опубликовать протокол для педагога (руководитель команды)").ProducesProblems(403, 404);
        protocols.MapGet("/revisions/{number:int}", RevisionAsync).WithName("ObservationRevision")
            .WithSummary("Сохранённая редакция опубликованного протокола").ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        var protocol = Keys.Valid(observerId) ? await r.Store.GetAsync(ctx.Lesson, observerId, r.Ct) : null;
        if (protocol is not null && !ctx.Sees(protocol))
        {
            return Problems.Forbidden("Протокол станет доступен после того, как руководитель команды его опубликует.");
        }

        if (protocol is null && !ctx.CanEdit(observerId))
        {
            return ctx.IsTeacher && !ctx.ReadsAll
                ? Problems.Forbidden("Протокол станет доступен после того, как руководитель команды его опубликует.")
                : Problems.NotFound("Этот наблюдатель ещё не начал протокол.");
        }

        var view = await ProtocolViews.ProtocolAsync(r, ctx, observerId, protocol);
        return TypedResults.Ok(FormHttp.Answer(r.Http, view, view.ETag));
    }

    public static async Task<Results<Ok<ProtocolView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, ProtocolInput input, [AsParameters] ObservationRequest r)
    {
        // Only the lesson's observer saves, so whether the asker is its teacher does not matter here: the teacher's
        // staff record is not read (the answer names the teacher as the visit's schedule does).
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId, withTeacher: false);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanEdit(observerId))
        {
            return Problems.Forbidden("Протокол заполняет только сам наблюдатель этого урока.");
        }

        var template = await r.Templates.FindAsync(municipalityId, input.TemplateVersion, r.Ct);
        var now = r.Time.GetUtcNow();
        var errors = new FieldErrors();
        if (template is null)
        {
            return errors.Add("templateVersion", $"Версии протокола «{input.TemplateVersion}» нет: обновите страницу, чтобы получить действующую.").ToProblem();
        }

        var mine = ProtocolRules.Read(template, input, ctx.DayStart, now, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var written = input.WrittenAt ?? now;
        var ifMatch = FormHttp.IfMatch(r.Http);
        // Without an ETag the device has never had this protocol from the server: a first save, tried as a create
        // without reading. Should the protocol be there after all (a save sent again, another device), the create
        // fails with nothing written and the next attempt reads and merges as below.
        var createFirst = ifMatch is null;
        for (var attempt = 0; attempt < (createFirst ? 4 : 3); attempt++)
        {
            var current = createFirst && attempt == 0 ? null : await r.Store.GetAsync(ctx.Lesson, observerId, r.Ct);
            var content = mine;
            if (current is not null && (ifMatch is null || ifMatch.Value != current.ETag))
            {
                // Saved elsewhere since this device read it (or an offline protocol arriving late): merge field by field.
                var stored = ProtocolViews.ContentOf(current);
                var (merged, conflicts) = ProtocolMerge.Merge(stored, mine, input.Base);
                if (conflicts.Count > 0)
                {
                    var view = await ProtocolViews.ProtocolAsync(r, ctx, observerId, current);
                    return Problems.Conflict(
                        $"Протокол уже изменён на другом устройстве: в {conflicts.Count} пол. ваши ответы отличаются от сохранённых. Выберите, что оставить, и сохраните ещё раз.",
                        new Dictionary<string, object?> { ["current"] = view, ["etag"] = view.ETag, ["conflicts"] = conflicts });
                }

                content = merged;
            }

            if (current is not null && ProtocolMerge.Same(ProtocolViews.ContentOf(current), content) && current.TemplateVersion == template.Version)
            {
                // Nothing new (a retried save): no write, no extra revision.
                var same = await ProtocolViews.ProtocolAsync(r, ctx, observerId, current);
                return TypedResults.Ok(FormHttp.Answer(r.Http, same, same.ETag));
            }

            var entity = current ?? new ProtocolEntity
            {
                PartitionKey = Keys.Partition(municipalityId, schoolId, visitId),
                RowKey = Keys.Protocol(lessonId, observerId),
                MunicipalityId = municipalityId,
                SchoolId = schoolId,
                VisitId = visitId,
                LessonId = lessonId,
                ObserverId = observerId,
                CreatedAt = now,
            };
            entity.ObserverName = r.User.Member.DisplayName;
            entity.TemplateVersion = template.Version;
            entity.Content = StoredJson.Write(content);
            // Placed in time by when it was written on the device: a late arrival never moves it forward.
            entity.WrittenAt = current is null || written > current.WrittenAt ? written : current.WrittenAt;
            entity.ReceivedAt = now;
            ProtocolRevisionEntity? revision = null;
            if (entity.Released)
            {
                // A released protocol changes only with a new revision; the teacher's earlier copy stays readable.
                entity.Revision++;
                revision = ProtocolViews.RevisionOf(entity, written, now, r.User, "edit");
            }

            var write = await r.Store.WriteAsync(entity, current is null, revision, r.Ct);
            if (write != ProtocolWrite.Stale)
            {
                var view = await ProtocolViews.ProtocolAsync(r, ctx, observerId, entity, noPhotos: write == ProtocolWrite.CreatedWithoutPhotos);
                return TypedResults.Ok(FormHttp.Answer(r.Http, view, view.ETag));
            }

            ifMatch = null; // changed while we merged: read again and merge against that
        }

        return Problems.Conflict("Протокол меняется одновременно с другого устройства. Повторите сохранение.");
    }

    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> ReleaseAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanRelease)
        {
            return Problems.Forbidden("Протокол публикует для педагога руководитель команды визита.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var protocol = Keys.Valid(observerId) ? await r.Store.GetAsync(ctx.Lesson, observerId, r.Ct) : null;
            if (protocol is null)
            {
                return Problems.NotFound("Этот наблюдатель ещё не начал протокол.");
            }

            if (protocol.Released)
            {
                var already = await ProtocolViews.ProtocolAsync(r, ctx, observerId, protocol);
                return TypedResults.Ok(FormHttp.Answer(r.Http, already, already.ETag));
            }

            var now = r.Time.GetUtcNow();
            protocol.Released = true;
            protocol.ReleasedAt = now;
            protocol.ReleasedByName = r.User.Member.DisplayName;
            protocol.Revision++;
            var revision = ProtocolViews.RevisionOf(protocol, protocol.WrittenAt, now, r.User, "release");
            if (await r.Store.WriteAsync(protocol, create: false, revision, r.Ct) == ProtocolWrite.Saved)
            {
                var view = await ProtocolViews.ProtocolAsync(r, ctx, observerId, protocol);
                return TypedResults.Ok(FormHttp.Answer(r.Http, view, view.ETag));
            }
        }

        return Problems.Conflict("Протокол меняется прямо сейчас. Повторите публикацию.");
    }

    public static async Task<Results<Ok<RevisionView>, ProblemHttpResult>> RevisionAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, int number, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        var protocol = Keys.Valid(observerId) ? await r.Store.GetAsync(ctx.Lesson, observerId, r.Ct) : null;
        if (protocol is not null && !ctx.Sees(protocol))
        {
            return Problems.Forbidden("Протокол станет доступен после того, как руководитель команды его опубликует.");
        }

        var revision = protocol is null || number < 1 ? null : await r.Store.RevisionAsync(ctx.Lesson, observerId, number, r.Ct);
        if (revision is null)
        {
            return Problems.NotFound("Такой редакции протокола нет.");
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RevisionView(revision.Number, revision.TemplateVersion, StoredJson.Read<ProtocolContent>(revision.Content) ?? ProtocolContent.Empty,
            revision.WrittenAt, revision.SavedAt, revision.SavedByName, revision.Reason));
    }
}
