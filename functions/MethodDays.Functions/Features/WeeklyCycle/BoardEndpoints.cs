using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>The coordinator's and curators' week board, and the video call's agenda of questions with answers.</summary>
internal static class BoardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/weeks/{week}").WithTags("Недельный цикл ЕМД");
        group.MapGet("/board", BoardAsync).WithName("WeekBoard").WithSummary("Школы × шаги недели: выполнено, срок идёт, просрочено")
            .ProducesProblems(403, 404);
        group.MapGet("/agenda", AgendaAsync).WithName("WeekAgenda").WithSummary("Вопросы недели по вопросам темы и школам, с ответами (архив)")
            .ProducesProblems(403, 404);
        group.MapPut("/questions/{questionId}/answer", AnswerAsync).WithName("AnswerQuestion").WithSummary("Ответ координатора на вопрос школы")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024)).ProducesProblems(403, 404, 409).AnnouncedToSchool();
        group.MapPut("/answers", AnswerManyAsync).WithName("AnswerQuestions")
            .WithSummary("Один ответ на несколько вопросов школ сразу (одинаковый вопрос от разных школ)")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024)).ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<Ok<BoardView>, ValidationProblem, ProblemHttpResult>> BoardAsync(
        string municipalityId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId,
            u => u.CanSeeMunicipality(municipalityId) || (u.MunicipalityId == municipalityId && u.Role == Role.Curator), r.Ct,
            "Доску недели видят координатор, методисты и кураторы.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (municipality, user, directory, store, ct) = (ctx.Municipality, r.User, r.Directory, r.Store, r.Ct);
        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var zone = LocalTime.Zone(municipality.TimeZone);
        var template = await store.GetTemplateAsync(municipalityId, ct);
        var topic = await store.GetTopicAsync(municipalityId, w, ct);
        var skipped = (await store.SkippedWeeksAsync(municipalityId, ct)).ContainsKey(w);
        var (steps, questions) = await store.ReadWeekAsync(municipalityId, w, ct);
        var done = steps.ToDictionary(s => (s.SchoolId, s.StepId));
        var columns = template.Steps.Where(s => s.Actor != Actor.Coordinator)
            .Select(s => new BoardColumn(s.Id, s.Kind, s.Title, s.At(w, zone), CycleEngine.Format(s.At(w, zone), zone), "до " + RussianWords.Until(s.DueAt(w, zone) ?? s.At(w, zone), zone)))
            .ToList();
        // Every school takes part; the row's flags let the page filter (ШНОР, ПРШ, школа-лидер, has a curator).
        var curated = (await directory.ListMembersAsync(municipalityId, ct)).Where(m => m.Active && m.Role == Role.Curator).SelectMany(m => m.SchoolIds).ToHashSet();
        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).Where(s => user.CanReadSchool(municipalityId, s.Id));
        var rows = schools.Select(s => new BoardRow(s.Id, s.ShortName,
                [.. template.Steps.Where(st => st.Actor != Actor.Coordinator).Select(st =>
                {
                    done.TryGetValue((s.Id, st.Id), out var d);
                    return new BoardCell(st.Id, skipped ? "skipped" : WeekRules.State(st, d, w, zone, topic?.PublishedAt, now, st.Concerns(curated.Contains(s.Id))), d?.DoneAt);
                })],
                questions.Count(q => q.SchoolId == s.Id), s.LowResults, s.Improving, s.Leader, curated.Contains(s.Id)))
            .ToList();
        // Curators see a topic once it is published, as on the topic's own page.
        var title = topic is not null && WeekRules.CanSeeTopic(user, topic, now) ? topic.Title : null;
        return TypedResults.Ok(new BoardView(w.ToString(), w.RussianRange, title, WeekRules.IsPublished(topic, now), skipped, columns, rows));
    }

    public static async Task<Results<Ok<AgendaView>, ValidationProblem, ProblemHttpResult>> AgendaAsync(
        string municipalityId, string week, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var (user, directory, store, ct) = (r.User, r.Directory, r.Store, r.Ct);
        var errors = new FieldErrors();
        if (WeekRules.CheckWeek(week, errors) is not { } w)
        {
            return errors.ToProblem();
        }

        var topic = await store.GetTopicAsync(municipalityId, w, ct);
        if (!WeekRules.CanSeeTopic(user, topic, r.Time.GetUtcNow()))
        {
            return Problems.NotFound($"Тема на неделю {w.RussianRange} ещё не опубликована.");
        }

        // Everyone in the municipality reads the archive of questions and answers by topic.
        var (_, questions) = await store.ReadWeekAsync(municipalityId, w, ct);
        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).ToDictionary(s => s.Id);
        var topicQuestions = topic?.QuestionList() ?? [];
        var groups = questions
            .GroupBy(q => q.TopicQuestion)
            .OrderBy(g => g.Key < 0 ? int.MaxValue : g.Key)
            .Select(g => new AgendaGroup(
                g.Key,
                g.Key >= 0 && g.Key < topicQuestions.Count ? topicQuestions[g.Key] : "Общие вопросы",
                [.. g.GroupBy(q => q.SchoolId)
                    .OrderBy(s => schools.TryGetValue(s.Key, out var school) ? school.ShortName : s.Key, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), false))
                    .Select(s => new AgendaSchool(s.Key, schools.TryGetValue(s.Key, out var school) ? school.ShortName : s.Key,
                        [.. s.OrderBy(q => q.AskedAt).Select(q => WeekRules.View(q, municipalityId, schools, user))]))]))
            .ToList();
        return TypedResults.Ok(new AgendaView(w.ToString(), topic?.Title, groups, questions.Count, questions.Count(q => q.Answer is null)));
    }

    /// <summary>
    /// One answer to several questions of the week: every question is checked first (all exist, none answered by
    /// someone else meanwhile), then each gets the answer and each asking school's administration is told, as for a
    /// single answer (the same notice key, so answering one of them again alone tells nobody twice).
    /// </summary>
    public static async Task<Results<Ok<BulkAnswerView>, ValidationProblem, ProblemHttpResult>> AnswerManyAsync(
        string municipalityId, string week, BulkAnswerInput input, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct,
            "На вопросы школ отвечают координатор и методисты.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var (user, directory, store, ct) = (r.User, r.Directory, r.Store, r.Ct);
        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var answer = input.Answer?.Trim() ?? "";
        if (answer.Length is < 1 or > 8000)
        {
            errors.Add("answer", "Ответ: от 1 до 8000 символов.");
        }

        var ids = (input.QuestionIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is < 1 or > 100)
        {
            errors.Add("questionIds", "Выберите от 1 до 100 вопросов, на которые идёт этот ответ.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (_, all) = await store.ReadWeekAsync(municipalityId, w!.Value, ct);
        var byId = all.ToDictionary(q => q.RowKey, StringComparer.Ordinal);
        var missing = ids.Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            return Problems.NotFound($"На этой неделе нет {(missing.Count == 1 ? "одного из выбранных вопросов" : $"{missing.Count} из выбранных вопросов")}. Обновите страницу.");
        }

        var now = r.Time.GetUtcNow();
        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).ToDictionary(s => s.Id);
        var notices = r.Http.RequestServices.GetRequiredService<MethodDays.Features.Notifications.SchoolNotices>();
        var answered = new List<QuestionView>();
        foreach (var id in ids)
        {
            var question = byId[id];
            question.Answer = answer;
            question.AnsweredAt = now;
            question.AnsweredByName = user.Member.DisplayName;
            if (!await store.UpdateQuestionAsync(question, ct))
            {
                return Problems.Conflict($"На вопрос школы «{WeekRules.View(question, municipalityId, schools, user).SchoolName}» только что ответил кто-то другой; " +
                    $"ответ сохранён для {answered.Count} из {ids.Count} вопросов. Обновите страницу.");
            }

            var view = WeekRules.View(question, municipalityId, schools, user);
            answered.Add(view);
            await AnswerNotices.TellAsync(notices, municipalityId, week, view, answer, ct);
        }

        return TypedResults.Ok(new BulkAnswerView(answered));
    }

    public static async Task<Results<Ok<QuestionView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string municipalityId, string week, string questionId, AnswerInput input, [AsParameters] WeekRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct,
            "На вопросы школ отвечают координатор и методисты.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var (user, directory, store, ct) = (r.User, r.Directory, r.Store, r.Ct);
        var errors = new FieldErrors();
        var w = WeekRules.CheckWeek(week, errors);
        var answer = input.Answer?.Trim() ?? "";
        if (answer.Length is < 1 or > 8000)
        {
            errors.Add("answer", "Ответ: от 1 до 8000 символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var question = questionId.StartsWith("question|", StringComparison.Ordinal) ? await store.GetQuestionAsync(municipalityId, w!.Value, questionId, ct) : null;
        if (question is null)
        {
            return Problems.NotFound("Такого вопроса на этой неделе нет.");
        }

        question.Answer = answer;
        question.AnsweredAt = r.Time.GetUtcNow();
        question.AnsweredByName = user.Member.DisplayName;
        if (!await store.UpdateQuestionAsync(question, ct))
        {
            return Problems.Conflict("На вопрос только что ответил кто-то другой. Обновите страницу.");
        }

        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).ToDictionary(s => s.Id);
        return TypedResults.Ok(WeekRules.View(question, municipalityId, schools, user));
    }
}
