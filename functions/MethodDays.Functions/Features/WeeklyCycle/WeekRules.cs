using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>Shared rules of a topic week: when it closes, whether it is published, how a topic reads.</summary>
internal static class WeekRules
{
    /// <summary>A topic week accepts actions until the end of the following week (its steps reach into it).</summary>
    public static DateTimeOffset ClosesAt(WeekId week, TimeZoneInfo zone) => LocalTimes.ToUtc(week.Monday.AddDays(14), TimeOnly.MinValue, zone);

    public static bool IsPublished(TopicEntity? topic, DateTimeOffset now) => topic?.PublishedAt is { } at && at <= now;

    /// <summary>Schools, teachers and curators see a topic once it is published; the coordinator and methodists while it is prepared.</summary>
    public static bool CanSeeTopic(CurrentUser user, TopicEntity? topic, DateTimeOffset now) => user.IsMunicipalityWide || IsPublished(topic, now);

    public static WeekId? CheckWeek(string text, FieldErrors errors)
    {
        if (!WeekId.TryParse(text, out var week))
        {
            errors.Add("week", "Неделя указывается как ГГГГ-Wнн, например 2026-W47.");
            return null;
        }

        return week;
    }

    public static TopicView View(TopicEntity t, DateTimeOffset now)
    {
        WeekId.TryParse(t.RowKey, out var week);
        var state = t.PublishedAt is null ? "draft" : t.PublishedAt > now ? "scheduled" : "published";
        return new TopicView(
            t.RowKey, week.RussianRange, t.Title,
            t.VideoList(),
            t.QuestionList(),
            t.Assignment, t.PublishedAt, state, t.ETag.ToString(), t.UpdatedByName, t.UpdatedAt);
    }

    /// <summary>
    /// A question as <paramref name="viewer"/> may see it: the asker's name only to those who can read the asking
    /// school's records; everyone else in the municipality (other schools reading the archive) sees the school.
    /// </summary>
    public static QuestionView View(QuestionEntity q, string municipalityId, IReadOnlyDictionary<string, School> schools, CurrentUser viewer)
    {
        var schoolName = schools.TryGetValue(q.SchoolId, out var s) ? s.ShortName : q.SchoolId;
        var askedBy = viewer.CanReadSchool(municipalityId, q.SchoolId) ? q.AskedByName : schoolName;
        return new(q.RowKey, q.SchoolId, schoolName, q.TopicQuestion, q.Text, q.AskedAt, askedBy, q.Late, q.Answer, q.AnsweredAt, q.AnsweredByName);
    }

    /// <summary>
    /// A cell's traffic light for a school and step: "none" for a step that does not concern the school (the curator
    /// meeting of a school without a curator) or whose deadline passed before the topic came out; "due"/"overdue"
    /// only for a step with a deadline, judged by the deadline (not by the hour the step starts).
    /// </summary>
    public static string State(CycleStep step, StepEntity? done, WeekId week, TimeZoneInfo zone, DateTimeOffset? publishedAt, DateTimeOffset now, bool concerns = true)
    {
        if (done is not null)
        {
            return done.Late ? "late" : "done";
        }

        if (publishedAt is null || publishedAt > now)
        {
            return "pending";
        }

        if (!concerns)
        {
            return "none";
        }

        if (step.DueAt(week, zone) is not { } due)
        {
            return now < step.At(week, zone) ? "upcoming" : "info";
        }

        if (due <= publishedAt)
        {
            return "none";
        }

        return now < due ? "due" : "overdue";
    }

    /// <summary>A step recorded now is late only after its deadline; a step without one is never late.</summary>
    public static bool IsLate(CycleStep? step, WeekId week, TimeZoneInfo zone, DateTimeOffset now) =>
        step?.DueAt(week, zone) is { } due && now > due;

    /// <summary>Who acts on a step for a school: the school's admin team, or for the curator meeting its curator.</summary>
    public static bool CanAct(CurrentUser user, string municipalityId, string schoolId, CycleStep step) => step.Actor switch
    {
        Actor.School => user.CanWriteSchoolSheets(municipalityId, schoolId),
        Actor.Curator => user.MunicipalityId == municipalityId
            && ((user.Role == Role.Curator && user.Member.SchoolIds.Contains(schoolId)) || user.Role == Role.Coordinator),
        _ => false,
    };
}
