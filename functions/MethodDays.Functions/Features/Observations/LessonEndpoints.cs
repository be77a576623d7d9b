using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Observations;

/// <summary>A lesson's protocols side by side with the observers' agreement, and the teacher's self-analysis.</summary>
internal static class LessonEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var lesson = api.MapGroup(ProtocolEndpoints.LessonRoute).WithTags("Наблюдение уроков");
        lesson.MapGet("/observations", GetAsync).WithName("ObservationLesson")
            .WithSummary("Отметки всех наблюдателей урока рядом и их согласованность; самоанализ педагога").ProducesProblems(403, 404);
        lesson.MapPut("/self-analysis", SaveSelfAnalysisAsync).WithName("ObservationSelfAnalysis")
            .WithSummary("Самоанализ урока: пишет педагог в своём кабинете или записывает наблюдатель; If-Match — ETag из ответа")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024)).ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<Ok<LessonObservationsView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        var visible = (await r.Store.ListAsync(ctx.Lesson, r.Ct)).Where(ctx.Sees).OrderBy(p => p.WrittenAt).ToList();
        var templates = new Dictionary<string, ProtocolTemplate?>(StringComparer.Ordinal);
        foreach (var version in visible.Select(p => p.TemplateVersion).Distinct())
        {
            templates[version] = await r.Templates.FindAsync(municipalityId, version, r.Ct);
        }

        var rows = visible.Select(p => (p, ProtocolViews.ContentOf(p), templates[p.TemplateVersion])).ToList();
        var self = await r.Store.SelfAnalysisAsync(ctx.Lesson, r.Ct);
        var current = visible.LastOrDefault()?.TemplateVersion ?? (await r.Templates.CurrentAsync(municipalityId, r.Ct)).Version;
        if (self is not null)
        {
            r.Http.Response.Headers.ETag = self.ETag.ToString();
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new LessonObservationsView(
            municipalityId, schoolId, ctx.School.ShortName, visitId, lessonId, ctx.LessonView, current,
            [.. rows.Select(x => new ProtocolMarks(x.p.ObserverId, x.p.ObserverName, x.p.TemplateVersion, x.Item2.Marks, x.p.Released, x.p.WrittenAt, x.p.ReceivedAt))],
            Agreement.Pairs(rows),
            self is null ? null : new SelfAnalysisView(self.Text, self.WrittenAt, self.ReceivedAt, self.ByName, self.ByTeacher),
            new LessonPermissions(ctx.CanWriteSelfAnalysis, ctx.IsTeacher, ctx.CanRelease)));
    }

    public static async Task<Results<Ok<SelfAnalysisView>, ValidationProblem, ProblemHttpResult>> SaveSelfAnalysisAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, SelfAnalysisInput input, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanWriteSelfAnalysis)
        {
            return Problems.Forbidden("Самоанализ пишет педагог, проводивший урок, или записывает с его слов наблюдатель урока.");
        }

        var now = r.Time.GetUtcNow();
        var errors = new FieldErrors();
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > ProtocolRules.MaxAnalysisLength)
        {
            errors.Add("text", $"Самоанализ: от 1 до {ProtocolRules.MaxAnalysisLength} символов.");
        }

        var written = input.WrittenAt ?? now;
        if (ProtocolRules.CheckTime(written, ctx.DayStart, now) is { } reason)
        {
            errors.Add("writtenAt", reason);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var entity = new SelfAnalysisEntity
        {
            PartitionKey = Keys.Partition(municipalityId, schoolId, visitId),
            RowKey = Keys.SelfAnalysis(lessonId),
            Text = text,
            WrittenAt = written,
            ReceivedAt = now,
            ById = r.User.PersonId,
            ByName = r.User.Member.DisplayName,
            ByTeacher = ctx.IsTeacher,
        };
        if (!await r.Store.SaveSelfAnalysisAsync(entity, FormHttp.IfMatch(r.Http), r.Ct))
        {
            return Problems.Conflict("Самоанализ уже изменён другим человеком. Обновите страницу и сохраните ещё раз.");
        }

        var saved = await r.Store.SelfAnalysisAsync(ctx.Lesson, r.Ct);
        r.Http.Response.Headers.ETag = saved?.ETag.ToString();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SelfAnalysisView(text, written, now, entity.ByName, entity.ByTeacher));
    }
}
