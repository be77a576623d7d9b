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
        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var now = r.Time.GetUtcNow();
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

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var ifMatch = http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : (ETag?)null;
        var existing = await store.GetTopicAsync(municipalityId, w!.Value, ct);
        if (existing is not null && ifMatch is null)
        {
            return Problems.Conflict("Тема на эту неделю уже есть. Откройте её и измените (версия записи нужна, чтобы не затереть чужие правки).",
                new Dictionary<string, object?> { ["current"] = WeekRules.View(existing, now) });
        }

        var template = await store.GetTemplateAsync(municipalityId, ct);
        DateTimeOffset? publishedAt;
        if (existing?.PublishedAt is { } published && published <= now)
        {
            // Once schools have seen it, corrections keep the original publication time.
            publishedAt = published;
        }
        else
        {
            publishedAt = input.Publish switch
            {
                PublishMode.Draft => null,
                PublishMode.Now => now,
                // A publish step already past this week means at once.
                _ => Max(template.PublishStep.At(w.Value, zone), now),
            };
        }

        var topic = new TopicEntity
        {
            PartitionKey = municipalityId,
            RowKey = w.Value.ToString(),
            Title = title,
            Videos = StoredJson.Write(videos.Select(v => new VideoLink(v!.Title!.Trim(), v.Url!.Trim()))),
            Questions = StoredJson.Write(questions),
            Assignment = assignment,
            PublishedAt = publishedAt,
            UpdatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
        };
        if (!await store.SaveTopicAsync(topic, existing is null ? null : ifMatch, ct))
        {
            var theirs = await store.GetTopicAsync(municipalityId, w.Value, ct);
            return Problems.Conflict("Тему уже изменил другой пользователь. Сравните и сохраните ещё раз.",
                new Dictionary<string, object?> { ["current"] = theirs is null ? null : WeekRules.View(theirs, now) });
        }

        if (WeekRules.IsPublished(topic, now))
        {
            // Published at once: send the notice now rather than at the next tick (idempotent either way).
            await r.Engine.RunAsync(municipality, now, ct);
        }

        http.Response.Headers.ETag = topic.ETag.ToString();
        return TypedResults.Ok(WeekRules.View(topic, now));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Short(string? s) => s is null ? "" : s.Length > 60 ? s[..60] + "…" : s;
}
