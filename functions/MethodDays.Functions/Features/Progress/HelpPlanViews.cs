using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Progress;

/// <summary>Help-plan items between the page's fields, the table row and the API view.</summary>
internal static class HelpPlanViews
{
    public static void Apply(HelpItemEntity item, HelpItemFields fields, string status, string? requestTopic, CurrentUser user, DateTimeOffset now, string? recipientName = null)
    {
        item.RecipientKind = fields.RecipientKind;
        item.RecipientTeacherId = fields.RecipientTeacherId;
        item.RecipientName = fields.RecipientKind == HelpPlanRules.Teacher ? recipientName : null;
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
        Recipient(i),
        i.ETag.ToString(),
        new Stamp(i.CreatedById, i.CreatedByName, i.CreatedAt),
        new Stamp(i.UpdatedById, i.UpdatedByName, i.UpdatedAt),
        [.. history.OrderBy(h => h.RowKey, StringComparer.Ordinal).Select(h => new HelpStatusChange(h.From, h.To, h.ById, h.ByName, h.At, h.Comment))],
        i.SourceVisitId is { } visit ? new HelpVisitSource(visit, i.SourceVisitDate ?? "", i.SourceFindingId ?? "") : null);

    private static HelpRecipient? Recipient(HelpItemEntity i) => i.RecipientKind switch
    {
        HelpPlanRules.Leadership => new(HelpPlanRules.Leadership, null, null, HelpPlanRules.LeadershipLabel),
        HelpPlanRules.Teacher => new(HelpPlanRules.Teacher, i.RecipientTeacherId, i.RecipientName, $"Педагог: {i.RecipientName ?? i.RecipientTeacherId}"),
        _ => null,
    };

    /// <summary>The municipality's date today: due dates are local dates.</summary>
    public static DateOnly Today(Municipality municipality, TimeProvider time) =>
        DateOnly.FromDateTime(LocalTime.Now(time, municipality.TimeZone).DateTime);
}
