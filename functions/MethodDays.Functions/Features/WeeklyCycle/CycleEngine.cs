using System.Globalization;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>A monthly sheet the cycle reminds schools about (self-assessment, progress).</summary>
public interface IMonthlySheetSource
{
    /// <summary>Short id used in idempotency keys.</summary>
    string Id { get; }

    /// <summary>"Лист оценки результативности".</summary>
    string Title { get; }

    /// <summary>Page link for a school and month.</summary>
    string Link(string schoolId, YearMonth month);

    Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct);

    /// <summary>
    /// Only recommended, not due (seed 003 §III.1.2: the self-assessment «рекомендуется» once a month): the month end
    /// reminds, and the curator hears of a missing sheet only if the municipality chose so. A due sheet (seed 001
    /// §2.16, the progress sheet) is reported to the school and its curator when the month ends without it.
    /// </summary>
    bool Recommended => false;

    /// <summary>
    /// Whether the sheet concerns a school. Both monthly sheets are about schools improving their results: the
    /// self-assessment sheet assesses ПРШ (seed 003 appendix 1), and the progress sheet feeds the curators' plan of
    /// targeted help (seed 001 §2.16–2.17), curators being assigned to ПРШ (§2.3). Weekly steps reach every school.
    /// </summary>
    bool Concerns(School school) => school.LowResults || school.Improving;
}

/// <summary>What one run of the engine did for a municipality.</summary>
public sealed record TickReport(string MunicipalityId, int EffectsClaimed, int Notices, int Recovered);

/// <summary>
/// Decides, for one municipality in its local time, which effects of the weekly cycle and the monthly sheets have
/// come due, and queues their notices. Every effect has an idempotency key claimed insert-if-absent before its
/// notices are queued, so a repeated, overlapping or late tick sends nothing twice; a tick after downtime catches
/// up once (reminders whose window has passed are dropped, overdue notices are still sent within three days).
/// Nothing happens for a skipped week, before a topic is published, or for a school that already acted.
/// </summary>
public sealed class CycleEngine(
    CycleStore store,
    DirectoryStore directory,
    Notifier notifier,
    IEnumerable<IMonthlySheetSource> monthlySheets,
    ILogger<CycleEngine> logger)
{
    /// <summary>How long after a deadline an overdue notice may still go out (covers downtime).</summary>
    public static readonly TimeSpan OverdueWindow = TimeSpan.FromDays(3);

    /// <summary>An effect claimed but not marked queued this long ago is queued again (the sender deduplicates).</summary>
    public static readonly TimeSpan RecoverAfter = TimeSpan.FromMinutes(5);

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public async Task<TickReport> RunAsync(Municipality municipality, DateTimeOffset now, CancellationToken ct)
    {
        var zone = LocalTime.Zone(municipality.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var template = await store.GetTemplateAsync(municipality.Id, ct);
        var options = await store.GetOptionsAsync(municipality.Id, ct);
        var skipped = await store.SkippedWeeksAsync(municipality.Id, ct);

        // Every school of the municipality takes part (seed 003 §I.5; seed 001 §1.3), not only ШНОР/ПРШ; each step
        // then says which of them it concerns (the curator meeting: schools that have a curator).
        var schools = await directory.ListSchoolsAsync(municipality.Id, ct);
        var members = (await directory.ListMembersAsync(municipality.Id, ct)).Where(m => m.Active).ToList();
        var people = new People(members);
        var due = new List<Effect>();

        // A topic's steps span its week and the next, so the current and the previous topic week can have effects.
        var thisWeek = WeekId.Of(local);
        foreach (var week in new[] { thisWeek.Previous, thisWeek })
        {
            if (skipped.ContainsKey(week))
            {
                continue;
            }

            var topic = await store.GetTopicAsync(municipality.Id, week, ct);
            if (topic?.PublishedAt is not { } publishedAt || publishedAt > now)
            {
                continue;
            }

            var (steps, _) = await store.ReadWeekAsync(municipality.Id, week, ct);
            var done = steps.Select(s => (s.SchoolId, s.StepId)).ToHashSet();
            due.AddRange(WeekEffects(municipality, zone, template, week, topic, publishedAt, schools, people, done, now));
        }

        foreach (var source in monthlySheets)
        {
            due.AddRange(await MonthlyEffectsAsync(municipality, zone, local, source, options, [.. schools.Where(source.Concerns)], people, now, ct));
        }

        return await ApplyAsync(municipality.Id, due, now, ct);
    }

    private IEnumerable<Effect> WeekEffects(
        Municipality municipality, TimeZoneInfo zone, CycleTemplate template, WeekId week, TopicEntity topic, DateTimeOffset publishedAt,
        IReadOnlyList<School> schools, People people, HashSet<(string, string)> done, DateTimeOffset now)
    {
        var partition = CycleStore.WeekPartition(municipality.Id, week);
        var link = $"/#/week/{week}";
        if (now < publishedAt + TimeSpan.FromDays(7))
        {
            yield return PublishEffect(municipality, zone, template, week, topic, publishedAt, people.TopicAudience(schools));
        }

        // Schools' and curators' steps: a reminder before the step (if it asks for one) and, only for a step with a
        // deadline, an overdue notice after the deadline. A step without a deadline is never overdue.
        foreach (var step in template.Steps.Where(s => s.Actor != Actor.Coordinator))
        {
            var at = step.At(week, zone);
            var deadline = step.DueAt(week, zone);
            var remindFrom = Max(at - TimeSpan.FromHours(step.RemindBeforeHours), publishedAt);
            foreach (var school in schools)
            {
                var curators = people.CuratorsOf(school.Id);
                if (done.Contains((school.Id, step.Id)) || !step.Concerns(curators.Count > 0))
                {
                    continue;
                }

                var actors = step.Actor == Actor.Curator ? curators : people.SchoolAdmins(school.Id);
                if (step.RemindBeforeHours > 0 && at > publishedAt && now >= remindFrom && now < at)
                {
                    var until = deadline is { } d && d != at ? $" Отметить можно до {RussianWords.Until(d, zone)}." : "";
                    yield return new Effect(partition, $"remind|{step.Id}|{school.Id}", remindFrom, NotificationKind.Reminder,
                        $"Напоминание: {step.Title} — {Format(at, zone)}",
                        $"{school.ShortName}: шаг «{step.Title}» по теме «{topic.Title}» — {Format(at, zone)} ({RussianWords.ZoneName(municipality.TimeZone, now)}).{until} Шаг ещё не отмечен в MethodDays.",
                        link, actors);
                }

                // The topic came out after the deadline: nobody can be late for it.
                if (deadline is { } due && due > publishedAt && step.OverdueNotice && now >= due && now < due + OverdueWindow)
                {
                    yield return new Effect(partition, $"overdue|{step.Id}|{school.Id}", due, NotificationKind.Overdue,
                        $"Срок прошёл: {step.Title} ({school.ShortName})",
                        $"{school.ShortName}: срок шага «{step.Title}» по теме «{topic.Title}» истёк {RussianWords.On(due, zone)} ({RussianWords.ZoneName(municipality.TimeZone, now)}). " +
                        "Отметьте выполнение в MethodDays — поздние ответы принимаются и помечаются как поздние.",
                        link, [.. actors.Concat(curators).DistinctBy(m => m.PersonId)]);
                }
            }
        }
    }

    /// <summary>
    /// Monthly sheets at the end of the month: a reminder from 10:00 two days before the last day to schools that have
    /// not submitted. A due sheet (seed 001 §2.16) then gets a notice from 10:00 on the 1st of the next month to the
    /// school and its curator; a recommended one (seed 003's self-assessment) only if the municipality chose to
    /// tell the curator.
    /// </summary>
    private async Task<IEnumerable<Effect>> MonthlyEffectsAsync(
        Municipality municipality, TimeZoneInfo zone, DateTimeOffset local, IMonthlySheetSource source, CycleOptions options,
        IReadOnlyList<School> schools, People people, DateTimeOffset now, CancellationToken ct)
    {
        var effects = new List<Effect>();
        var month = YearMonth.Of(local);
        var remindAt = LocalTimes.ToUtc(month.LastDay.AddDays(-2), new TimeOnly(10, 0), zone);
        var monthEnd = LocalTimes.ToUtc(month.Next.FirstDay, TimeOnly.MinValue, zone);
        if (now >= remindAt && now < monthEnd)
        {
            var submitted = await source.SubmittedSchoolsAsync(municipality.Id, month, ct);
            foreach (var school in schools.Where(s => !submitted.Contains(s.Id)))
            {
                effects.Add(new Effect($"{municipality.Id}|{month}", $"monthly-remind|{source.Id}|{school.Id}", remindAt, NotificationKind.MonthlySheet,
                    source.Recommended ? $"{source.Title} за {month.RussianName}: рекомендуется заполнить" : $"{source.Title} за {month.RussianName}: срок — конец месяца",
                    source.Recommended
                        ? $"{school.ShortName}: {RussianWords.Lower(source.Title)} рекомендуется заполнять раз в месяц и обсуждать с куратором; за {month.RussianName} он ещё не отправлен (месяц заканчивается {month.LastDay.ToString("d MMMM", Russian)})."
                        : $"{school.ShortName}: {RussianWords.Lower(source.Title)} за {month.RussianName} нужно отправить до конца месяца ({month.LastDay.ToString("d MMMM", Russian)}).",
                    source.Link(school.Id, month), people.SchoolAdmins(school.Id)));
            }
        }

        var previous = month.Previous;
        var overdueAt = LocalTimes.ToUtc(month.FirstDay, new TimeOnly(10, 0), zone);
        var escalates = !source.Recommended || options.EscalateSelfAssessment;
        if (escalates && now >= overdueAt && now < overdueAt + OverdueWindow)
        {
            var submitted = await source.SubmittedSchoolsAsync(municipality.Id, previous, ct);
            foreach (var school in schools.Where(s => !submitted.Contains(s.Id)))
            {
                effects.Add(new Effect($"{municipality.Id}|{previous}", $"monthly-overdue|{source.Id}|{school.Id}", overdueAt, NotificationKind.MonthlySheet,
                    $"Не отправлен: {RussianWords.Lower(source.Title)} за {previous.RussianName} ({school.ShortName})",
                    $"{school.ShortName}: {RussianWords.Lower(source.Title)} за {previous.RussianName} не отправлен, хотя месяц закончился. Отправьте его в MethodDays.",
                    source.Link(school.Id, previous), [.. people.SchoolAdmins(school.Id).Concat(people.CuratorsOf(school.Id)).DistinctBy(m => m.PersonId)]));
            }
        }

        return effects;
    }

    private async Task<TickReport> ApplyAsync(string municipalityId, List<Effect> due, DateTimeOffset now, CancellationToken ct)
    {
        int claimed = 0, notices = 0, recovered = 0;
        foreach (var group in due.GroupBy(e => e.Partition))
        {
            var existing = await store.ReadEffectsAsync(group.Key, ct);
            var work = new List<(Effect Effect, EffectEntity Row, bool Fresh)>();
            foreach (var effect in group.Where(e => e.Recipients.Count > 0))
            {
                if (existing.TryGetValue(effect.Key, out var known))
                {
                    // Claimed by a run that stopped before queueing: queue again; the sender drops duplicates.
                    if (!known.Enqueued && now - known.CreatedAt >= RecoverAfter)
                    {
                        work.Add((effect, known, false));
                    }
                }
                else
                {
                    work.Add((effect, new EffectEntity { PartitionKey = group.Key, RowKey = effect.Key, CreatedAt = now, Recipients = effect.Recipients.Count }, true));
                }
            }

            // A hundred at a time (a table transaction's limit): claim, queue their notices, mark them queued.
            foreach (var chunk in work.Chunk(100))
            {
                var fresh = chunk.Where(w => w.Fresh).Select(w => w.Row).ToList();
                var won = fresh.Count == 0 ? new HashSet<EffectEntity>() : (await store.ClaimEffectsAsync(fresh, ct)).ToHashSet();
                var mine = chunk.Where(w => !w.Fresh || won.Contains(w.Row)).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                claimed += won.Count;
                recovered += mine.Count - won.Count;
                var messages = mine
                    .SelectMany(w => w.Effect.Recipients.Select(p => new NotificationMessage(
                        NotificationMessage.IdFor(municipalityId, $"{group.Key}|{w.Effect.Key}", p.PersonId), municipalityId, p.PersonId,
                        w.Effect.Kind, w.Effect.Subject, w.Effect.Text, w.Effect.Link, w.Effect.At)))
                    .ToList();
                await notifier.EnqueueAsync(messages, ct);
                await store.MarkEnqueuedAsync([.. mine.Select(w => w.Row)], ct);
                notices += messages.Count;
            }
        }

        if (claimed + recovered > 0)
        {
            logger.LogInformation("Cycle tick for {Municipality}: {Effects} effects, {Notices} notices queued, {Recovered} recovered", municipalityId, claimed, notices, recovered);
        }

        return new TickReport(municipalityId, claimed, notices, recovered);
    }

    /// <summary>
    /// Who a topic's notice reaches — its publication and any correction of it: the staff (admins and teachers) of
    /// every school of the municipality, its curators and methodists, each once.
    /// </summary>
    public static IReadOnlyList<Member> TopicAudience(IReadOnlyList<School> schools, IReadOnlyList<Member> members) =>
        new People([.. members.Where(m => m.Active)]).TopicAudience(schools);

    private static Effect PublishEffect(Municipality municipality, TimeZoneInfo zone, CycleTemplate template, WeekId week, TopicEntity topic, DateTimeOffset publishedAt, IReadOnlyList<Member> audience)
    {
        var next = template.Steps.Where(s => s.Actor == Actor.School && s.IsDeadline).OrderBy(s => s.DueAt(week, zone)).FirstOrDefault();
        var text = $"Опубликована тема единого методического дня на неделю {week.RussianRange}: «{topic.Title}». " +
            "Видеосеминары, вопросы для обсуждения и техническое задание для школ — в MethodDays." +
            (next is null ? "" : $" Ближайший срок: {RussianWords.Lower(next.Title)} — {Format(next.DueAt(week, zone)!.Value, zone)} ({RussianWords.ZoneName(municipality.TimeZone, publishedAt)}).");
        return new Effect(CycleStore.WeekPartition(municipality.Id, week), "publish", publishedAt, NotificationKind.TopicPublished,
            $"Новая тема ЕМД: {topic.Title}", text, $"/#/week/{week}", audience);
    }

    /// <summary>
    /// A topic published at once is told at once, whichever week it is for (the tick only looks at this week and the
    /// last, so a later week's topic published now would otherwise be told never). Same key as the tick's: told once.
    /// </summary>
    internal async Task<int> AnnouncePublishedAsync(Municipality municipality, WeekId week, TopicEntity topic, DateTimeOffset now, CancellationToken ct)
    {
        if (topic.PublishedAt is not { } at || at > now || (await store.SkippedWeeksAsync(municipality.Id, ct)).ContainsKey(week))
        {
            return 0;
        }

        var template = await store.GetTemplateAsync(municipality.Id, ct);
        var audience = TopicAudience(await directory.ListSchoolsAsync(municipality.Id, ct), await directory.ListMembersAsync(municipality.Id, ct));
        var effect = PublishEffect(municipality, LocalTime.Zone(municipality.TimeZone), template, week, topic, at, audience);
        return (await ApplyAsync(municipality.Id, [effect], now, ct)).Notices;
    }

    /// <summary>
    /// A published topic was corrected: «Исправление: …» goes to the topic's audience as a notice of the same kind as
    /// the publication (the feed always; e-mail unless the person turned off notices about new topics). The key is the
    /// correction's time: a corrected correction is told again, a retried one (same time) once.
    /// </summary>
    internal async Task<int> AnnounceCorrectionAsync(Municipality municipality, WeekId week, TopicEntity topic, IReadOnlyList<string> changes, DateTimeOffset now, CancellationToken ct)
    {
        var schools = await directory.ListSchoolsAsync(municipality.Id, ct);
        var members = await directory.ListMembersAsync(municipality.Id, ct);
        var text = $"{topic.UpdatedByName} исправил(а) тему единого методического дня на неделю {week.RussianRange}: «{topic.Title}». " +
            $"Изменено: {string.Join("; ", changes)}. Новая версия темы — в MethodDays.";
        var effect = new Effect(CycleStore.WeekPartition(municipality.Id, week), $"correction|{now.UtcTicks:D19}", now, NotificationKind.TopicPublished,
            $"Исправление: {topic.Title}", text, $"/#/week/{week}", TopicAudience(schools, members));
        return (await ApplyAsync(municipality.Id, [effect], now, ct)).Notices;
    }

    /// <summary>"среда, 18 ноября, 16:00".</summary>
    public static string Format(DateTimeOffset utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(utc, zone).ToString("dddd, d MMMM, HH:mm", Russian);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Effect(string Partition, string Key, DateTimeOffset At, NotificationKind Kind, string Subject, string Text, string? Link, IReadOnlyList<Member> Recipients);

    /// <summary>The municipality's members by role and school.</summary>
    private sealed class People(IReadOnlyList<Member> members)
    {
        public IEnumerable<Member> Curators => members.Where(m => m.Role == Role.Curator);

        public IEnumerable<Member> Methodists => members.Where(m => m.Role == Role.Methodist);

        public IReadOnlyList<Member> SchoolAdmins(string schoolId) => [.. members.Where(m => m.Role == Role.SchoolAdmin && m.SchoolIds.Contains(schoolId))];

        public IEnumerable<Member> SchoolStaff(string schoolId) => members.Where(m => m.Role is Role.SchoolAdmin or Role.Teacher && m.SchoolIds.Contains(schoolId));

        public IReadOnlyList<Member> CuratorsOf(string schoolId) => [.. members.Where(m => m.Role == Role.Curator && m.SchoolIds.Contains(schoolId))];

        public IReadOnlyList<Member> TopicAudience(IReadOnlyList<School> schools) =>
            [.. schools.SelectMany(s => SchoolStaff(s.Id)).Concat(Curators).Concat(Methodists).DistinctBy(m => m.PersonId)];
    }
}
