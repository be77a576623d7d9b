using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.SelfAssessment;

/// <summary>The self-assessment sheet as a monthly duty the cycle reminds schools of.</summary>
internal sealed class SelfAssessmentMonthlySheet(SheetStore store) : IMonthlySheetSource
{
    public string Id => "self-assessment";

    public string Title => "Лист оценки результативности";

    public string Link(string schoolId, YearMonth month) => $"/#/sheet/{schoolId}/{month}";

    public Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        store.SubmittedSchoolsAsync(municipalityId, month, ct);
}
