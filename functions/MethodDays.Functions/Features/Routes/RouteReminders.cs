using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Host;

namespace MethodDays.Features.Routes;

/// <summary>
/// Reminds of overdue route items: an item not done (nor cancelled) whose planned end date — set by people on the
/// route — has passed is told to the teacher and to the tutor (if a member) once, on the day after its end date at
/// <see cref="RemindAt"/> the municipality's local time. Each reminder is claimed insert-if-absent before it is
/// queued (key: teacher, period, item and end date), so a repeated or overlapping run sends nothing twice; a run
/// after downtime catches up within <see cref="Window"/>, an older overdue item is not told at all (no flood of
/// reminders about the past when the feature is switched on).
/// </summary>
internal sealed class RouteReminders(RouteStore store, StaffStore staff, DirectoryStore directory, Notifier notifier, ILogger<RouteReminders> logger)
{
    /// <summary>The local hour of the reminder on the day after the end date: 09:00 (the school day has begun).</summary>
    public static readonly TimeOnly RemindAt = new(9, 0);

    /// <summary>How long after its due moment a reminder may still go out.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>A reminder claimed but not marked queued this long ago is queued again (the sender deduplicates).</summary>
    public static readonly TimeSpan RecoverAfter = TimeSpan.FromMinutes(5);

    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>Queues the reminders due for one municipality; returns how many notices were queued.</summary>
    public async Task<int> RunAsync(Municipality municipality, DateTimeOffset now, CancellationToken ct)
    {
        var zone = LocalTime.Zone(municipality.TimeZone);
        var due = new List<(RouteEntity Route, RouteItem Item)>();
        foreach (var route in await store.MunicipalityAsync(municipality.Id, null, ct))
        {
            foreach (var item in route.ItemList)
            {
                if (item.Status is "done" or "cancelled" || !RouteRules.TryDate(item.EndDate, out var end))
                {
                    continue;
                }

                var at = LocalTimes.ToUtc(end.AddDays(1), RemindAt, zone);
                if (now >= at && now < at + Window)
                {
                    due.Add((route, item));
                }
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var members = (await directory.ListMembersAsync(municipality.Id, ct)).Where(m => m.Active).Select(m => m.PersonId).ToHashSet(StringComparer.Ordinal);
        var teachers = new Dictionary<string, IReadOnlyDictionary<string, TeacherEntity>>(StringComparer.Ordinal);
        var notices = 0;
        foreach (var (route, item) in due)
        {
            if (!teachers.TryGetValue(route.SchoolId, out var list))
            {
                list = teachers[route.SchoolId] = (await staff.ListAsync(municipality.Id, route.SchoolId, ct)).ToDictionary(t => t.TeacherId);
            }

            var teacher = list.GetValueOrDefault(route.TeacherId);
            var recipients = new[] { teacher?.PersonId, route.TutorMemberId }
                .OfType<string>().Where(members.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (recipients.Count == 0)
            {
                continue;
            }

            var key = $"{RouteReminderEntity.Prefix}{route.TeacherId}|{route.Period}|{item.Id}|{item.EndDate}";
            var claim = await store.ReminderAsync(route.MunicipalityId, route.SchoolId, key, ct);
            if (claim is null)
            {
                claim = new RouteReminderEntity { PartitionKey = RouteStore.Partition(route.MunicipalityId, route.SchoolId), RowKey = key, CreatedAt = now };
                if (!await store.ClaimReminderAsync(claim, ct))
                {
                    continue;
                }
            }
            else if (claim.Enqueued || now - claim.CreatedAt < RecoverAfter)
            {
                continue;
            }

            var (subject, text) = Words(teacher?.FullName ?? "педагога", route, item);
            var link = $"/#/routes/{Uri.EscapeDataString(route.SchoolId)}/{Uri.EscapeDataString(route.TeacherId)}/{route.Period}";
            var messages = recipients.Select(p => new NotificationMessage(
                NotificationMessage.IdFor(municipality.Id, $"{claim.PartitionKey}|{key}", p), municipality.Id, p, NotificationKind.RouteItemOverdue, subject, text, link, now)).ToList();
            await notifier.EnqueueAsync(messages, ct);
            await store.MarkReminderEnqueuedAsync(claim, ct);
            notices += messages.Count;
        }

        if (notices > 0)
        {
            logger.LogInformation("Route reminders for {Municipality}: {Notices} notices queued", municipality.Id, notices);
        }

        return notices;
    }

    /// <summary>The reminder's subject and text, the same for the teacher and the tutor.</summary>
    internal static (string Subject, string Text) Words(string teacherName, RouteEntity route, RouteItem item)
    {
        RouteRules.TryDate(item.EndDate, out var end);
        var content = item.Content.Length > 160 ? item.Content[..157].TrimEnd() + "…" : item.Content;
        var competence = Competences.ByCode(item.Competence)?.Genitive is { } g ? $" (развитие {g} компетенции)" : "";
        var text = $"Индивидуальный образовательный маршрут педагога {teacherName} на {RouteRules.PeriodLabel(route.Period)} учебный год: " +
            $"мероприятие «{content}»{competence} по плану завершалось {end.ToString("d MMMM yyyy", Ru)} г., но не отмечено выполненным. " +
            "Отметьте выполнение и приложите удостоверение или сертификат — или договоритесь с администрацией школы о новом сроке.";
        return ("ИОМ: срок мероприятия прошёл", text);
    }
}

/// <summary>
/// Every hour at five past (UTC): the overdue route items of every municipality, in its own local time. The hour a
/// reminder goes out is <see cref="RouteReminders.RemindAt"/> local, so whichever hour the timer runs, nothing is sent
/// before the day after the item's end date.
/// </summary>
internal sealed class RouteReminderTimer(DirectoryStore directory, RouteReminders reminders, TimeProvider time, ILogger<RouteReminderTimer> logger) : ITimerFunction
{
    public const string Name = "RouteReminders";
    public const string Schedule = "0 5 * * * *";

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = 0;
        var municipalities = await directory.ListMunicipalitiesAsync(cancellationToken);
        foreach (var m in municipalities)
        {
            try
            {
                await reminders.RunAsync(m, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One municipality's trouble must not hold back the others; the next run tries again.
                failures++;
                logger.LogError(ex, "Route reminders failed for municipality {Municipality}", m.Id);
            }
        }

        if (failures > 0)
        {
            throw new InvalidOperationException($"Route reminders failed for {failures} of {municipalities.Count} municipalities.");
        }
    }
}
