namespace MethodDays.Features.Visits;

/// <summary>
/// The review's parts in the visit's report (page and .docx), after the lessons, in the order of seed 000's day:
/// the expert review of the school's documents, the analysis of the five directions, the experience worth spreading,
/// and the interview with the administration with what was agreed. A part nobody has written adds nothing. The report
/// reads the review once (<see cref="VisitReviewStore.GetAsync"/>) for all four.
/// </summary>
internal static class VisitReviewReportSections
{
    /// <summary>The review's parts that have something to say, in the order of the day (one read of the review gives them all).</summary>
    public static IReadOnlyList<ReportSection> Of(VisitReviewRecord review) =>
        [.. new[] { Documents(review.Documents), Directions(review.Directions), Experience(review.Experience), Interview(review.Interview) }.OfType<ReportSection>()];

    private static ReportSection? Documents(IReadOnlyList<ReviewDocumentRecord> documents)
    {
        if (documents.All(d => !d.Provided && !d.ProvidedOnSite && d.Verdict is null && d.Remarks.Length == 0))
        {
            return null;
        }

        var provided = documents.Count(d => d.Provided || d.ProvidedOnSite);
        var items = documents.Select(d =>
            $"{d.Title}: {(d.Provided || d.ProvidedOnSite ? "представлен" : "не представлен")}" +
            (d.VerdictLabel is { } v ? $"; {v}" : "; заключения нет") +
            (d.Remarks.Length > 0 ? $". {d.Remarks}" : "")).ToList();
        var verdicts = string.Join(", ", documents.Where(d => d.VerdictLabel is not null).GroupBy(d => d.VerdictLabel!).Select(g => $"{g.Key} — {g.Count()}"));
        var summary = $"Представлено документов: {provided} из {documents.Count}." + (verdicts.Length > 0 ? $" Заключения эксперта: {verdicts}." : "");
        return new ReportSection("documents", "Экспертиза нормативно-правовой базы", 10, [summary], items);
    }

    private static ReportSection? Directions(IReadOnlyList<ReviewDirectionRecord> directions)
    {
        var written = directions.Where(d => d.Strengths.Length > 0 || d.Problems.Length > 0).ToList();
        if (written.Count == 0)
        {
            return null;
        }

        var items = written.Select(d =>
            $"{Capital(d.Label)}." + (d.Strengths.Length > 0 ? $" Сильные стороны: {d.Strengths}" : "") + (d.Problems.Length > 0 ? $" Проблемы: {d.Problems}" : "")).ToList();
        return new ReportSection("directions", "Анализ направлений деятельности школы", 20, [], items);
    }

    private static ReportSection? Experience(IReadOnlyList<ReviewExperienceRecord> experience) =>
        experience.Count == 0
            ? null
            : new ReportSection("experience", "Опыт, рекомендованный к распространению", 25, [],
                [.. experience.Select(e => $"{e.Name}: {e.Description}" + (e.PracticeId is not null ? " (практика представлена в банк)" : e.InvitedAt is not null ? " (приглашение представить практику в банк отправлено)" : ""))]);

    private static ReportSection? Interview(ReviewInterviewRecord? interview)
    {
        if (interview is null)
        {
            return null;
        }

        var paragraphs = new List<string>();
        if (interview.Date is { } date)
        {
            paragraphs.Add($"Дата: {VisitRules.Russian(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        if (interview.Participants.Length > 0)
        {
            paragraphs.Add($"Участники: {interview.Participants}.");
        }

        if (interview.ProblemDirections.Count > 0)
        {
            var labels = interview.ProblemDirections.Select(c => VisitRules.Directions.FirstOrDefault(d => d.Code == c)?.Label ?? c);
            paragraphs.Add($"Обсуждённые проблемные направления: {string.Join("; ", labels)}.");
        }

        paragraphs.Add(interview.Agreements.Count > 0 ? "Договорились:" : "Договорённости не записаны.");
        return new ReportSection("interview", "Собеседование с администрацией", 30, paragraphs, interview.Agreements);
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
