using System.Globalization;
using System.Text;
using MethodDays.Features.People;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>Who may do what with a practice, and how it reads.</summary>
internal static class PracticeViews
{
    /// <summary>
    /// Accepted practices are the municipality's; sent, under review and returned ones stay with their school, its
    /// curator and the reviewers; a draft (never sent) is its author's alone — nobody else has been offered it.
    /// </summary>
    public static bool CanRead(CurrentUser user, PracticeEntity p) =>
        user.MunicipalityId == p.PartitionKey
        && p.StateValue switch
        {
            PracticeState.Accepted => true,
            PracticeState.Draft => p.CreatedById == user.PersonId,
            _ => user.IsMunicipalityWide || user.Member.SchoolIds.Contains(p.SchoolId),
        };

    /// <summary>A draft: its author. Returned: its author, or the school's admin team.</summary>
    public static bool CanEdit(CurrentUser user, PracticeEntity p) =>
        p.StateValue is PracticeState.Draft or PracticeState.Returned
        && user.MunicipalityId == p.PartitionKey
        && user.Member.SchoolIds.Contains(p.SchoolId)
        && (p.CreatedById == user.PersonId || (user.Role == Role.SchoolAdmin && p.StateValue == PracticeState.Returned));

    public static bool CanReview(CurrentUser user, string municipalityId) => user.CanSeeMunicipality(municipalityId);

    public static PracticeView View(PracticeEntity p, string schoolName, IReadOnlyList<PracticeEventEntity> history, CurrentUser user) => new(
        p.Id, p.PartitionKey, p.SchoolId, schoolName, p.Title, p.Description, p.TopicWeek, p.TopicTitle, p.Subject, Grades(p), Kind(p),
        Read<List<string>>(p.Authors), Read<List<PracticeLink>>(p.Links),
        p.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries),
        [.. p.StoredFiles.Select(f => f.ToRecord())],
        p.StateValue, p.Version, p.SchoolYear, p.CreatedById, p.CreatedByName, p.UpdatedAt, p.ETag.ToString(),
        [.. history.OrderBy(h => h.At).Select(h => new PracticeEvent(h.At, h.ByName, h.Action, h.Comment, h.Version))],
        new PracticePermissions(CanEdit(user, p), CanReview(user, p.PartitionKey)),
        Competences(p));

    /// <summary>The competence codes the practice develops, in the diagnostics' order; none on practices saved before they were kept.</summary>
    public static IReadOnlyList<string> Competences(PracticeEntity p) => p.Competences.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static PracticeCard Card(PracticeEntity p, string schoolName) => new(
        p.Id, p.Title, p.SchoolId, schoolName, p.TopicWeek, p.TopicTitle, p.Subject, Grades(p), Kind(p), Read<List<string>>(p.Authors),
        p.StateValue, p.SchoolYear, p.StoredFiles.Count, p.UpdatedAt, p.Description.Length > 240 ? p.Description[..240].TrimEnd() + "…" : p.Description);

    public static IReadOnlyList<int> Grades(PracticeEntity p) =>
        [.. p.Grades.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => int.Parse(g, CultureInfo.InvariantCulture))];

    public static PracticeKind Kind(PracticeEntity p) => Enum.TryParse<PracticeKind>(p.Kind, out var k) ? k : PracticeKind.Other;

    /// <summary>"2026/2027": the school year runs from September to August.</summary>
    public static string SchoolYear(DateOnly date) => date.Month >= 9 ? $"{date.Year}/{date.Year + 1}" : $"{date.Year - 1}/{date.Year}";

    public static T Read<T>(string json)
        where T : new() => StoredJson.Read<T>(json) ?? new T();

    /// <summary>Lower case, ё as е, words only: what search compares.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            sb.Append(ch == 'ё' ? 'е' : char.IsLetterOrDigit(ch) ? ch : ' ');
        }

        return sb.ToString();
    }
}

/// <summary>
/// Full-text search over titles, descriptions and authors, in memory over the municipality's bank (one partition
/// scan). Each query word must match the start of a word in the practice; long words match without their last
/// two letters, which covers most Russian endings («оценивание» finds «оцениванию»).
/// </summary>
internal static class PracticeSearch
{
    public static IReadOnlyList<string> Terms(string? query) =>
        [.. PracticeViews.Normalize(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length >= 2).Distinct().Take(10)
            .Select(t => t.Length > 5 ? t[..^2] : t)];

    public static int Score(PracticeEntity p, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return 1;
        }

        var title = Words(PracticeViews.Normalize(p.Title));
        var all = Words(p.SearchText);
        var score = 0;
        foreach (var term in terms)
        {
            if (!all.Any(w => w.StartsWith(term, StringComparison.Ordinal)))
            {
                return 0;
            }

            score += title.Any(w => w.StartsWith(term, StringComparison.Ordinal)) ? 3 : 1;
        }

        return score;
    }

    /// <summary>The list's and the export's filters (each one unset matches all).</summary>
    public static bool Matches(PracticeEntity p, ExportInput f) =>
        (f.TopicWeek is null || p.TopicWeek == f.TopicWeek)
        && (f.Subject is null || p.Subject == f.Subject)
        && (f.Grade is null || PracticeViews.Grades(p).Contains(f.Grade.Value))
        && (f.Kind is null || PracticeViews.Kind(p) == f.Kind)
        && (f.SchoolId is null || p.SchoolId == f.SchoolId)
        && (f.SchoolYear is null || p.SchoolYear == f.SchoolYear);

    /// <summary>
    /// The state filter: unset is the bank (accepted); <c>Review</c> is the reviewers' queue (sent or under review);
    /// otherwise one state by name.
    /// </summary>
    public static bool TryStates(string? state, out IReadOnlySet<PracticeState> states)
    {
        states = string.IsNullOrEmpty(state) ? new HashSet<PracticeState> { PracticeState.Accepted }
            : string.Equals(state, "Review", StringComparison.OrdinalIgnoreCase) ? new HashSet<PracticeState> { PracticeState.Submitted, PracticeState.InReview }
            : Enum.TryParse<PracticeState>(state, ignoreCase: true, out var one) && Enum.IsDefined(one) && !int.TryParse(state, out _) ? new HashSet<PracticeState> { one }
            : new HashSet<PracticeState>();
        return states.Count > 0;
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
