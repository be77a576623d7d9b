using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>A school's week (topic, steps, questions), its actions, and the curator's meeting notes.</summary>
internal static class WeekEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var school = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/weeks/{week}").WithTags("Недельный цикл ЕМД");
        school.MapGet("", GetAsync).WithName("SchoolWeek").WithSummary("Неделя школы: тема, шаги и их состояние, вопросы и ответы")
            .ProducesProblems(403, 404);
        school.MapPost("/steps/{stepId}", ActAsync).WithName("SchoolWeekStep")
            .WithSummary("Отметить шаг: форма ЕМД, решение, проведение ЕМД; для куратора — встреча со школой")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024)).ProducesProblems(403, 404, 409);
        school.MapPost("/questions", AskAsync).WithName("SchoolWeekQuestion").WithSummary("Вопрос школы по видеосеминарам")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<Ok<SchoolWeekView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await ViewAsync(ctx, w, r, r.Time.GetUtcNow()));
    }

    public static async Task<Results<Ok<SchoolWeekView>, ValidationProblem, ProblemHttpResult>> ActAsync(
        string municipalityId, string schoolId, string week, string stepId, StepInput input, [AsParameters] WeekRequest r)
    {
        // Who acts on which step is checked below, once the step is known; first, the school must be within reach.
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (municipality, user, store, ct) = (ctx.Municipality, r.User, r.Store, r.Ct);
        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        var template = await store.GetTemplateAsync(municipalityId, ct);
        var step = template.Steps.FirstOrDefault(s => s.Id == stepId);
        if (step is null || step.Actor == Actor.Coordinator)
        {
            return Problems.NotFound($"В цикле муниципалитета нет шага «{stepId}», который отмечает школа или куратор.");
        }

        if (!WeekRules.CanAct(user, municipalityId, schoolId, step))
        {
            return Problems.Forbidden(step.Actor == Actor.Curator
                ? "Встречу со школой отмечает её куратор."
                : "Шаги недели отмечает административная команда школы.");
        }

        var now = r.Time.GetUtcNow();
        var zone = LocalTime.Zone(municipality.TimeZone);
        var stateProblem = await CheckOpenAsync(store, municipalityId, w, zone, now, ct);
        if (stateProblem is not null)
        {
            return stateProblem;
        }

        var text = input.Text?.Trim() ?? "";
        var (min, max, message) = step.Kind switch
        {
            StepKind.Form => (3, 500, "Опишите выбранную форму проведения ЕМД (от 3 до 500 символов)."),
            StepKind.Decision => (3, 4000, "Опишите принятое управленческое решение (от 3 до 4000 символов)."),
            StepKind.CuratorMeeting => (3, 4000, "Запишите итоги встречи (от 3 до 4000 символов)."),
            _ => (0, 2000, "Комментарий: не больше 2000 символов."),
        };
        if (text.Length < min || text.Length > max)
        {
            return Problems.Invalid("text", message);
        }

        await store.MarkStepAsync(municipalityId, w, new StepEntity
        {
            StepId = step.Id,
            SchoolId = schoolId,
            Text = text,
            DoneAt = now,
            ByName = user.Member.DisplayName,
            Late = WeekRules.IsLate(step, w, zone, now),
        }, ct);
        return TypedResults.Ok(await ViewAsync(ctx, w, r, now));
    }

    public static async Task<Results<Ok<SchoolWeekView>, ValidationProblem, ProblemHttpResult>> AskAsync(
        string municipalityId, string schoolId, string week, QuestionInput input, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (municipality, user, store, ct) = (ctx.Municipality, r.User, r.Store, r.Ct);
        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var text = input.Text?.Trim() ?? "";
        if (text.Length is < 3 or > 2000)
        {
            errors.Add("text", "Вопрос: от 3 до 2000 символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var zone = LocalTime.Zone(municipality.TimeZone);
        var stateProblem = await CheckOpenAsync(store, municipalityId, w!.Value, zone, now, ct);
        if (stateProblem is not null)
        {
            return stateProblem;
        }

        var topic = await store.GetTopicAsync(municipalityId, w.Value, ct);
        var topicQuestions = topic!.QuestionList();
        var index = input.TopicQuestion ?? -1;
        if (index < -1 || index >= topicQuestions.Count)
        {
            return Problems.Invalid("topicQuestion", $"У темы {topicQuestions.Count} вопросов для обсуждения; укажите номер от 0 до {topicQuestions.Count - 1} или не указывайте.");
        }

        var template = await store.GetTemplateAsync(municipalityId, ct);
        var step = template.Step(StepKind.Questions);
        var late = WeekRules.IsLate(step, w.Value, zone, now);
        await store.AddQuestionAsync(new QuestionEntity
        {
            PartitionKey = CycleStore.WeekPartition(municipalityId, w.Value),
            RowKey = $"question|{schoolId}|{now.UtcTicks:D19}{Random.Shared.Next(1000):D3}",
            SchoolId = schoolId,
            TopicQuestion = index,
            Text = text,
            AskedAt = now,
            AskedByName = user.Member.DisplayName,
            Late = late,
        }, ct);
        if (step is not null)
        {
            // Sending a question is doing the step; the first one sets its time.
            await store.MarkStepAsync(municipalityId, w.Value, new StepEntity
            {
                StepId = step.Id,
                SchoolId = schoolId,
                Text = "",
                DoneAt = now,
                ByName = user.Member.DisplayName,
                Late = late,
            }, ct);
        }

        return TypedResults.Ok(await ViewAsync(ctx, w.Value, r, now));
    }

    /// <summary>Actions need a published topic and an open week (not skipped, not closed).</summary>
    internal static async Task<ProblemHttpResult?> CheckOpenAsync(CycleStore store, string municipalityId, WeekId week, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        if ((await store.SkippedWeeksAsync(municipalityId, ct)).TryGetValue(week, out var reason))
        {
            return Problems.Conflict($"Неделя {week.RussianRange} пропущена: {reason}.");
        }

        var topic = await store.GetTopicAsync(municipalityId, week, ct);
        if (!WeekRules.IsPublished(topic, now))
        {
            return Problems.Conflict($"Тема на неделю {week.RussianRange} ещё не опубликована: отмечать шаги и задавать вопросы пока рано.");
        }

        if (now >= WeekRules.ClosesAt(week, zone))
        {
            return Problems.Conflict($"Цикл недели {week.RussianRange} закрыт: ответы по этой теме больше не принимаются.");
        }

        return null;
    }

    private static async Task<SchoolWeekView> ViewAsync(SchoolContext ctx, WeekId week, WeekRequest r, DateTimeOffset now)
    {
        var (municipality, school, user, directory, store, ct) = (ctx.Municipality, ctx.School, ctx.User, r.Directory, r.Store, r.Ct);
        var zone = LocalTime.Zone(municipality.TimeZone);
        var templateTask = store.GetTemplateAsync(municipality.Id, ct);
        var skippedTask = store.SkippedWeeksAsync(municipality.Id, ct);
        var topicTask = store.GetTopicAsync(municipality.Id, week, ct);
        var weekTask = store.ReadWeekAsync(municipality.Id, week, ct);
        var previousTopicTask = store.GetTopicAsync(municipality.Id, week.Previous, ct);
        var previousTask = store.ReadWeekAsync(municipality.Id, week.Previous, ct);
        var schoolsTask = directory.ListSchoolsAsync(municipality.Id, ct);
        await Task.WhenAll(templateTask, skippedTask, topicTask, weekTask, previousTopicTask, previousTask, schoolsTask);

        var template = await templateTask;
        var topic = await topicTask;
        var (steps, questions) = await weekTask;
        var mine = steps.Where(s => s.SchoolId == school.Id).ToDictionary(s => s.StepId);
        var schools = (await schoolsTask).ToDictionary(s => s.Id);
        (await skippedTask).TryGetValue(week, out var skipReason);

        var stepViews = template.Steps.Select(s =>
        {
            var at = s.At(week, zone);
            mine.TryGetValue(s.Id, out var done);
            return new StepView(s.Id, s.Kind, s.Title, s.Actor, at, CycleEngine.Format(at, zone),
                skipReason is not null ? "skipped" : WeekRules.State(s, done, week, zone, topic?.PublishedAt, now),
                done?.DoneAt, done?.ByName, done?.Text, done?.Late ?? false);
        }).ToList();

        var previousDecisionStep = template.Step(StepKind.Decision);
        var previousTopic = await previousTopicTask;
        var previous = previousDecisionStep is null ? null : (await previousTask).Steps.FirstOrDefault(s => s.SchoolId == school.Id && s.StepId == previousDecisionStep.Id);
        var canAct = user.CanWriteSchoolSheets(municipality.Id, school.Id);
        var meeting = template.Step(StepKind.CuratorMeeting);
        return new SchoolWeekView(
            week.ToString(), week.RussianRange, school.Id, school.ShortName, skipReason is not null, skipReason,
            now >= WeekRules.ClosesAt(week, zone),
            topic is not null && WeekRules.CanSeeTopic(user, topic, now) ? WeekRules.View(topic, now) : null,
            stepViews,
            [.. questions.Where(q => q.SchoolId == school.Id).OrderBy(q => q.AskedAt).Select(q => WeekRules.View(q, municipality.Id, schools, user))],
            previousTopic is null ? null : new PreviousDecision(week.Previous.ToString(), previousTopic.Title, previous?.Text, previous?.DoneAt,
                previousDecisionStep is null ? "info" : WeekRules.State(previousDecisionStep, previous, week.Previous, zone, previousTopic.PublishedAt, now),
                previousDecisionStep?.DueAt(week.Previous, zone) is { } due ? CycleEngine.Format(due, zone) : null),
            new WeekPermissions(canAct, meeting is not null && WeekRules.CanAct(user, municipality.Id, school.Id, meeting), user.CanSeeMunicipality(municipality.Id)));
    }
}
