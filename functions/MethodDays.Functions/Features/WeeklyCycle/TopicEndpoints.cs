using Azure;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>The coordinator prepares each week's topic: video-seminar links, discussion questions, the assignment.</summary>
internal static class TopicEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}").WithTags("Недельный цикл ЕМД");
        group.MapGet("/topics", ListAsync).WithName("ListTopics").WithSummary("Темы ЕМД по неделям (архив)")
            .ProducesProblems(403, 404);
        group.MapGet("/weeks/{week}/topic", GetAsync).WithName("GetTopic").WithSummary("Тема недели")
            .ProducesProblems(403, 404);
        group.MapPut("/weeks/{week}/topic", SaveAsync).WithName("SaveTopic").WithSummary("Подготовить или изменить тему недели (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(128 * 1024)).ProducesProblems(403, 404, 409);
        group.MapPost("/weeks/{week}/topic/preview", PreviewAsync).WithName("PreviewTopic")
            .WithSummary("Что сделает сохранение темы и кто получит уведомление (ничего не сохраняет)")
            .WithMetadata(new RequestSizeLimitAttribute(128 * 1024)).ProducesProblems(403, 404, 409);
        group.MapGet("/weeks/{week}/topic/revisions", RevisionsAsync).WithName("TopicRevisions")
            .WithSummary("Прежние версии опубликованной темы (до исправлений)").ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<IReadOnlyList<TopicSummary>>, ProblemHttpResult>> ListAsync(
        string municipalityId, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var now = r.Time.GetUtcNow();
        var topics = (await r.Store.ListTopicsAsync(municipalityId, r.Ct))
            .Where(t => r.User.IsMunicipalityWide || WeekRules.IsPublished(t, now))
            .Select(t => WeekRules.View(t, now))
            .OrderByDescending(t => t.Week, StringComparer.Ordinal)
            .Select(t => new TopicSummary(t.Week, t.WeekRange, t.Title, t.State, t.PublishedAt))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<TopicSummary>>(topics);
    }

    public static async Task<Results<Ok<TopicView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        var topic = await r.Store.GetTopicAsync(municipalityId, w, r.Ct);
        var now = r.Time.GetUtcNow();
        if (topic is null || !WeekRules.CanSeeTopic(r.User, topic, now))
        {
            return Problems.NotFound($"Тема на неделю {w.RussianRange} ещё не опубликована.");
        }

        r.Http.Response.Headers.ETag = topic.ETag.ToString();
        return TypedResults.Ok(WeekRules.View(topic, now));
    }

    public static async Task<Results<Ok<TopicView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, string week, TopicInput input, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Темы недели готовит муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (municipality, store, ct, http) = (ctx.Municipality, r.Store, r.Ct, r.Http);
        var now = r.Time.GetUtcNow();
        var (draft, errors) = Check(municipality, week, input, now);
        if (draft is null)
        {
            return errors.ToProblem();
        }

        var ifMatch = IfMatch(http);
        var existing = await store.GetTopicAsync(municipalityId, draft.Week, ct);
        if (Stale(existing, ifMatch, now) is { } stale)
        {
            return stale;
        }

        var plan = await PlanAsync(store, municipality, draft, input.Publish, existing, now, ct);
        var topic = new TopicEntity
        {
            PartitionKey = municipalityId,
            RowKey = draft.Week.ToString(),
            Title = draft.Title,
            Videos = StoredJson.Write(draft.Videos),
            Questions = StoredJson.Write(draft.Questions),
            Assignment = draft.Assignment,
            PublishedAt = plan.PublishedAt,
            UpdatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
        };
        if (!await store.SaveTopicAsync(topic, existing is null ? null : ifMatch, ct))
        {
            var theirs = await store.GetTopicAsync(municipalityId, draft.Week, ct);
            return Problems.Conflict("Тему уже изменил другой пользователь. Сравните и сохраните ещё раз.",
                new Dictionary<string, object?> { ["current"] = theirs is null ? null : WeekRules.View(theirs, now) });
        }

        if (plan.Effect == "correction")
        {
            // The text schools saw stays as a revision; the correction is told to the same people as the topic.
            await store.AddTopicRevisionAsync(municipalityId, draft.Week, existing!, now, ct);
            await r.Engine.AnnounceCorrectionAsync(municipality, draft.Week, topic, plan.Changes, now, ct);
        }
        else if (WeekRules.IsPublished(topic, now))
        {
            // Published at once: send the notice now rather than at the next tick (idempotent either way), also for a
            // later week's topic, which the tick does not look at yet; then whatever else came due.
            if (draft.Week > WeekId.Of(TimeZoneInfo.ConvertTime(now, LocalTime.Zone(municipality.TimeZone))))
            {
                await r.Engine.AnnouncePublishedAsync(municipality, draft.Week, topic, now, ct);
            }

            await r.Engine.RunAsync(municipality, now, ct);
        }

        http.Response.Headers.ETag = topic.ETag.ToString();
        return TypedResults.Ok(WeekRules.View(topic, now));
    }

    /// <summary>
    /// What saving would do, checked exactly as the save checks it, and who would be told: the page asks the
    /// coordinator to confirm before anything reaches the schools. Nothing is stored.
    /// </summary>
    public static async Task<Results<Ok<TopicPreview>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        string municipalityId, string week, TopicInput input, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Темы недели готовит муниципальный координатор.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (store, ct) = (r.Store, r.Ct);
        var now = r.Time.GetUtcNow();
        var (draft, errors) = Check(ctx.Municipality, week, input, now);
        if (draft is null)
        {
            return errors.ToProblem();
        }

        var existing = await store.GetTopicAsync(municipalityId, draft.Week, ct);
        if (Stale(existing, IfMatch(r.Http), now) is { } stale)
        {
            return stale;
        }

        var plan = await PlanAsync(store, ctx.Municipality, draft, input.Publish, existing, now, ct);
        var notifies = plan.Effect is "publish" or "correction";
        var audience = notifies
            ? CycleEngine.TopicAudience(await r.Directory.ListSchoolsAsync(municipalityId, ct), await r.Directory.ListMembersAsync(municipalityId, ct))
            : [];
        var notices = r.Http.RequestServices.GetRequiredService<MethodDays.Features.Notifications.NotificationStore>();
        var mailed = await Task.WhenAll(audience.Select(async m => !string.IsNullOrWhiteSpace(m.Email)
            && !(await notices.EmailOffAsync(municipalityId, m.PersonId, ct)).Contains(MethodDays.Features.Notifications.NotificationKind.TopicPublished)));
        var groups = new List<AudienceGroup>
        {
            new("schools", "администрации и педагоги школ", audience.Count(m => m.Role is Role.SchoolAdmin or Role.Teacher)),
            new("curators", "кураторы", audience.Count(m => m.Role == Role.Curator)),
            new("methodists", "методисты", audience.Count(m => m.Role == Role.Methodist)),
        };
        var schools = audience.Where(m => m.Role is Role.SchoolAdmin or Role.Teacher).SelectMany(m => m.SchoolIds).Distinct().Count();
        var emails = mailed.Count(x => x);
        return TypedResults.Ok(new TopicPreview(plan.Effect, plan.PublishedAt, notifies && audience.Count > 0, schools, audience.Count, emails,
            groups, plan.Changes, Message(plan, schools, audience.Count, emails, groups)));
    }

    /// <summary>The topic's earlier texts, newest first (coordinator and methodists).</summary>
    public static async Task<Results<Ok<IReadOnlyList<TopicRevision>>, ValidationProblem, ProblemHttpResult>> RevisionsAsync(
        string municipalityId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct,
            "Прежние версии темы видят координатор и методисты.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        var revisions = await r.Store.ListTopicRevisionsAsync(municipalityId, w, r.Ct);
        return TypedResults.Ok<IReadOnlyList<TopicRevision>>([.. revisions.OrderByDescending(t => t.UpdatedAt)
            .Select(t => new TopicRevision(t.Title, t.VideoList(), t.QuestionList(), t.Assignment, t.UpdatedByName, t.UpdatedAt))]);
    }

    private sealed record TopicDraft(WeekId Week, string Title, IReadOnlyList<VideoLink> Videos, IReadOnlyList<string> Questions, string Assignment);

    private sealed record TopicPlan(string Effect, DateTimeOffset? PublishedAt, IReadOnlyList<string> Changes);

    private static ETag? IfMatch(HttpContext http) => http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;

    /// <summary>A topic exists and the request does not say which version it edits, or edits an older one.</summary>
    private static ProblemHttpResult? Stale(TopicEntity? existing, ETag? ifMatch, DateTimeOffset now)
    {
        if (existing is not null && ifMatch is null)
        {
            return Problems.Conflict("Тема на эту неделю уже есть. Откройте её и измените (версия записи нужна, чтобы не затереть чужие правки).",
                new Dictionary<string, object?> { ["current"] = WeekRules.View(existing, now) });
        }

        if (existing is not null && ifMatch is { } tag && tag != ETag.All && tag != existing.ETag)
        {
            return Problems.Conflict("Тему уже изменил другой пользователь. Сравните и сохраните ещё раз.",
                new Dictionary<string, object?> { ["current"] = WeekRules.View(existing, now) });
        }

        return null;
    }

    /// <summary>Checks a topic as typed; every bad field is named.</summary>
    private static (TopicDraft? Draft, FieldErrors Errors) Check(Municipality municipality, string week, TopicInput input, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var zone = LocalTime.Zone(municipality.TimeZone);
        var current = WeekId.Of(TimeZoneInfo.ConvertTime(now, zone));
        if (w is { } wk && (wk < current || wk > current.Plus(26)))
        {
            errors.Add("week", $"Тему можно готовить на текущую неделю ({current.RussianRange}) и на полгода вперёд; неделя {wk.RussianRange} закрыта или слишком далеко.");
        }

        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 3 or > 300)
        {
            errors.Add("title", "Название темы: от 3 до 300 символов.");
        }

        var videos = input.Videos ?? [];
        if (videos.Count > 10)
        {
            errors.Add("videos", "Не больше 10 видеосеминаров на тему.");
        }

        for (var i = 0; i < videos.Count && i < 10; i++)
        {
            if (videos[i] is not { } v)
            {
                errors.Add($"videos[{i}]", "Пустая запись видеосеминара: укажите название и ссылку или уберите её.");
                continue;
            }

            if (!Uri.TryCreate(v.Url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            {
                errors.Add($"videos[{i}].url", $"Ссылка «{Short(v.Url)}» не похожа на адрес видео: нужна полная ссылка, начинающаяся с https://.");
            }

            if ((v.Title?.Trim().Length ?? 0) is < 1 or > 200)
            {
                errors.Add($"videos[{i}].title", "Название видеосеминара: от 1 до 200 символов.");
            }
        }

        var questions = (input.Questions ?? []).Select(q => q?.Trim() ?? "").ToList();
        if (questions.Count > 20)
        {
            errors.Add("questions", "Не больше 20 вопросов для обсуждения.");
        }

        for (var i = 0; i < questions.Count && i < 20; i++)
        {
            if (questions[i].Length is < 1 or > 1000)
            {
                errors.Add($"questions[{i}]", "Вопрос: от 1 до 1000 символов.");
            }
        }

        var assignment = input.Assignment?.Trim() ?? "";
        if (assignment.Length > 10_000)
        {
            errors.Add("assignment", "Техническое задание: не больше 10 000 символов.");
        }

        if (!Enum.IsDefined(input.Publish))
        {
            errors.Add("publish", "Когда публиковать: Draft, AtPublishStep или Now.");
        }

        return errors.Any
            ? (null, errors)
            : (new TopicDraft(w!.Value, title, [.. videos.Select(v => new VideoLink(v!.Title!.Trim(), v.Url!.Trim()))], questions, assignment), errors);
    }

    /// <summary>When the saved topic is visible, and what saving it does: publish, correct, schedule, keep a draft.</summary>
    private static async Task<TopicPlan> PlanAsync(CycleStore store, Municipality municipality, TopicDraft draft, PublishMode mode, TopicEntity? existing, DateTimeOffset now, CancellationToken ct)
    {
        if (existing?.PublishedAt is { } published && published <= now)
        {
            // Once schools have seen it, corrections keep the original publication time and are announced.
            var changes = Changes(existing, draft);
            return new TopicPlan(changes.Count == 0 ? "unchanged" : "correction", published, changes);
        }

        DateTimeOffset? at;
        if (mode == PublishMode.Draft)
        {
            at = null;
        }
        else if (mode == PublishMode.Now)
        {
            at = now;
        }
        else
        {
            // A publish step already past this week means at once.
            var template = await store.GetTemplateAsync(municipality.Id, ct);
            var zone = LocalTime.Zone(municipality.TimeZone);
            at = Max(template.PublishStep.At(draft.Week, zone), now);
        }

        return new TopicPlan(at is null ? "draft" : at > now ? "scheduled" : "publish", at, []);
    }

    /// <summary>What a correction changes, as the notice names it.</summary>
    private static List<string> Changes(TopicEntity old, TopicDraft draft)
    {
        var changes = new List<string>();
        if (old.Title != draft.Title)
        {
            changes.Add($"название (было «{Short(old.Title)}»)");
        }

        if (!old.VideoList().SequenceEqual(draft.Videos))
        {
            changes.Add("ссылки на видеосеминары");
        }

        if (!old.QuestionList().SequenceEqual(draft.Questions))
        {
            changes.Add("вопросы для обсуждения");
        }

        if (old.Assignment != draft.Assignment)
        {
            changes.Add("техническое задание");
        }

        return changes;
    }

    private static string Message(TopicPlan plan, int schools, int people, int emails, IReadOnlyList<AudienceGroup> groups)
    {
        if (plan.Effect is not ("publish" or "correction"))
        {
            return plan.Effect switch
            {
                "draft" => "Черновик: школы тему не увидят, уведомлений не будет.",
                "scheduled" => "Публикация запланирована: уведомление уйдёт в срок публикации.",
                _ => "Тема не изменилась: уведомлений не будет.",
            };
        }

        if (people == 0)
        {
            return "В муниципалитете пока нет пользователей, которым ушло бы уведомление.";
        }

        var who = string.Join(", ", groups.Where(g => g.People > 0).Select(g => $"{g.Title} — {g.People}"));
        var what = plan.Effect == "correction" ? "Исправление получат" : "Уведомление получат";
        return $"{what} {schools} {Plural(schools, "школа", "школы", "школ")}, {people} {Plural(people, "человек", "человека", "человек")}: {who}. " +
            $"В ленте MethodDays уведомление увидят все, письмо придёт {emails} из них (остальные отключили такие письма или не указали почту).";
    }

    private static string Plural(int n, string one, string few, string many) =>
        (n % 100) is >= 11 and <= 14 ? many : (n % 10) switch { 1 => one, >= 2 and <= 4 => few, _ => many };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Short(string? s) => s is null ? "" : s.Length > 60 ? s[..60] + "…" : s;
}
