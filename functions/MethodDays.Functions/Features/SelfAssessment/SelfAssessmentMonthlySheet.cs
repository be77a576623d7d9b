using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.SelfAssessment;

/// <summary>The self-assessment sheet as a monthly duty the cycle reminds schools of.</summary>
internal sealed class SelfAssessmentMonthlySheet(SheetStore store) : IMonthlySheetSource
{
    public string Id => "self-assessment";

    public string Title => "Лист оценки результативности";

    public string Link(string schoolId, YearMonth month) => $"/#/sheet/{schoolId}/{month}";

    /// <summary>Seed 003 §III.1.2: «раз в месяц рекомендуется проводить самооценку» — recommended, not due.</summary>
    public bool Recommended => true;

    public Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        store.SubmittedSchoolsAsync(municipalityId, month, ct);
}
