using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Progress;

/// <summary>The progress sheet as a monthly duty: the cycle reminds schools before month end and notes who is late.</summary>
internal sealed class ProgressMonthlySheet(ProgressStore store) : IMonthlySheetSource
{
    public string Id => "progress";

    public string Title => "Лист продвижения";

    public string Link(string schoolId, YearMonth month) => $"/#/progress/{schoolId}/{month}";

    public Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        store.SubmittedSchoolsAsync(municipalityId, month, ct);
}
