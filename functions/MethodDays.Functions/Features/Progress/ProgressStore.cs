using Azure.Data.Tables;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Progress;

/// <summary>
/// The progress sheets, table <c>progress</c>, on the monthly-forms core (keys: <see cref="FormKeys"/>); the month's
/// summary reads the figure columns only. Besides the core, the last submitted content of a month, which the next
/// month's sheet compares its teachers' stages with and a help-plan item's source is checked against.
/// </summary>
internal sealed class ProgressStore(TableServiceClient tables, StorageNames names, ProgressForm form)
    : MonthlyFormStore<ProgressContent, ProgressSheetEntity, ProgressRevisionEntity>(tables, names, form)
{
    public const string Table = ProgressForm.SheetsTable;

    /// <summary>The last submitted content of a school's sheet for the month, or null when never submitted.</summary>
    internal async Task<(ProgressRevisionEntity Revision, ProgressContent Content)?> GetLastSubmittedAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var figures = await GetFiguresAsync(municipalityId, schoolId, month, ct);
        if (figures is not { Revision: > 0 })
        {
            return null;
        }

        var revision = await GetRevisionAsync(municipalityId, schoolId, month, figures.Revision, ct);
        return revision is null ? null : (revision, ProgressJson.ReadContent(revision.Body));
    }
}
