using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Progress;

/// <summary>Builds API views from stored rows.</summary>
internal static class ProgressViews
{
    public static ProgressView Build(
        ProgressTemplates templates, School school, YearMonth month, FormMonthRows<ProgressSheetEntity, ProgressRevisionEntity> rows, ProgressContent? previous,
        IReadOnlyList<Member> schoolTeachers, CurrentUser user)
    {
        var sheet = rows.Sheet;
        var template = templates.Find(sheet?.TemplateVersion) ?? templates.Current;
        var content = ProgressJson.ReadContent(sheet?.Draft);
        var status = FormSheetRow.StatusOf(sheet);
        var previousStages = previous?.Teachers.Select(t => new TeacherStage(t.PersonId, t.Name ?? "", t.Practice, t.Stage, t.PracticeId)).ToList() ?? [];
        return new ProgressView(
            school.MunicipalityId,
            school.Id,
            school.Name,
            month.ToString(),
            template.Version,
            status,
            content,
            sheet?.Revision ?? 0,
            sheet?.ETag.ToString(),
            sheet?.UpdatedStamp(),
            sheet?.SubmittedStamp(),
            [.. rows.Revisions.OrderByDescending(r => r.Revision).Select(ToSummary)],
            [.. rows.Comments.OrderBy(c => c.CreatedAt).Select(c => c.ToView())],
            previous is null ? null : month.Previous.ToString(),
            previousStages,
            // A month nobody has listed teachers for yet has no movement: every teacher would read as «gone».
            previous is null || content.Teachers.Count == 0 ? [] : Compare(template, previous, content),
            [.. schoolTeachers.Where(m => m.Active).OrderBy(m => m.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), false))
                .Select(m => new SchoolTeacher(m.PersonId, m.DisplayName))],
            new ProgressPermissions(
                user.CanWriteSchoolSheets(school.MunicipalityId, school.Id),
                user.CanReviewSchool(school.MunicipalityId, school.Id) && sheet is { Revision: > 0 }));
    }

    /// <summary>
    /// Each teacher's stage beside last month's (seed 001 §2.18: methodists judge the participants' growth from the
    /// sheets). Teachers are matched by member id, typed-in names by the name (case, spaces and ё ignored).
    /// </summary>
    public static IReadOnlyList<StageChange> Compare(ProgressTemplate template, ProgressContent previous, ProgressContent current)
    {
        var before = previous.Teachers.GroupBy(ProgressRules.TeacherKey).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<StageChange>();
        foreach (var teacher in current.Teachers)
        {
            var key = ProgressRules.TeacherKey(teacher);
            before.Remove(key, out var was);
            var trend = was is null ? "new"
                : (template.StageOrder(teacher.Stage), template.StageOrder(was.Stage)) switch
                {
                    var (now, then) when now < 0 || then < 0 || now == then => "same",
                    var (now, then) when now > then => "up",
                    _ => "down",
                };
            changes.Add(new StageChange(teacher.PersonId, teacher.Name ?? "", teacher.Stage, was?.Stage, trend));
        }

        changes.AddRange(before.Values.Select(t => new StageChange(t.PersonId, t.Name ?? "", null, t.Stage, "gone")));
        return changes;
    }

    public static ProgressRevisionSummary ToSummary(ProgressRevisionEntity r) =>
        new(r.Revision, r.TemplateVersion, r.SubmittedAt, r.SubmittedByName, r.Days, r.Teachers);

    public static IReadOnlyList<StageCount> StageCounts(ProgressTemplate template, IReadOnlyDictionary<string, int> counts) =>
        [.. template.Stages.Select(s => new StageCount(s.Id, s.Label, counts.GetValueOrDefault(s.Id)))];
}
