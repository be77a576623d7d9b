using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Progress;

/// <summary>Help-plan items between the page's fields, the table row and the API view.</summary>
internal static class HelpPlanViews
{
    public static void Apply(HelpItemEntity item, HelpItemFields fields, string status, string? requestTopic, CurrentUser user, DateTimeOffset now)
    {
        item.Action = fields.Action;
        item.Responsible = fields.Responsible;
        item.DueDate = fields.DueDate;
        item.Status = status;
        item.Open = HelpPlanRules.IsOpen(status);
        item.SourceMonth = fields.SourceMonth;
        item.SourceRequestId = fields.SourceMonth is null ? null : fields.SourceRequestId;
        item.SourceRequestTopic = item.SourceRequestId is null ? null : requestTopic;
        item.Notes = fields.Notes;
        item.UpdatedById = user.PersonId;
        item.UpdatedByName = user.Member.DisplayName;
        item.UpdatedAt = now;
        item.ContentHash = fields.Hash(status);
    }

    public static HelpItemView ToView(HelpItemEntity i, IEnumerable<HelpHistoryEntity> history, DateOnly today) => new(
        i.ItemId,
        i.SchoolId,
        i.Action,
        i.Responsible,
        i.DueDate,
        i.Status,
        HelpPlanRules.Label(i.Status),
        i.Open && string.CompareOrdinal(i.DueDate, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) < 0,
        i.SourceMonth is null ? null : new HelpSource(i.SourceMonth, i.SourceRequestId, i.SourceRequestTopic),
        i.Notes,
        i.ETag.ToString(),
        new Stamp(i.CreatedById, i.CreatedByName, i.CreatedAt),
        new Stamp(i.UpdatedById, i.UpdatedByName, i.UpdatedAt),
        [.. history.OrderBy(h => h.RowKey, StringComparer.Ordinal).Select(h => new HelpStatusChange(h.From, h.To, h.ById, h.ByName, h.At, h.Comment))]);

    /// <summary>The municipality's date today: due dates are local dates.</summary>
    public static DateOnly Today(Municipality municipality, TimeProvider time) =>
        DateOnly.FromDateTime(LocalTime.Now(time, municipality.TimeZone).DateTime);
}
