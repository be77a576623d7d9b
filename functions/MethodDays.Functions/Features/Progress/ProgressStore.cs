using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Progress;

/// <summary>A school's progress rows for one month (revisions without their texts).</summary>
internal sealed record ProgressRows(ProgressSheetEntity? Sheet, IReadOnlyList<ProgressRevisionEntity> Revisions, IReadOnlyList<ProgressCommentEntity> Comments);

/// <summary>
/// The progress sheets, table <c>progress</c>, PartitionKey <c>{municipality}|{yyyy-MM}</c>, RowKeys
/// <c>sheet|{school}</c> (working copy and figures of the last submission), <c>rev|{school}|{n:D4}</c> (immutable
/// submitted revisions) and <c>comment|{school}|{ticks}|{id}</c>. The month's summary is one range of one partition
/// (<c>sheet|…</c>, figure columns only); a submission writes the sheet row and its revision in one transaction.
/// </summary>
public sealed class ProgressStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "progress";

    private TableClient Sheets => tables.Table(names, Table);

    internal static string Partition(string municipalityId, YearMonth month) => $"{municipalityId}|{month}";

    internal static string SheetKey(string schoolId) => $"sheet|{schoolId}";

    internal static string RevisionKey(string schoolId, int revision) => $"rev|{schoolId}|{revision:D4}";

    internal static string SchoolOf(string sheetKey) => sheetKey["sheet|".Length..];

    private static string CommentPrefix(string schoolId) => $"comment|{schoolId}|";

    private static readonly string[] FigureColumns =
    [
        "PartitionKey", "RowKey", "Revision", "DraftDiffers", "SubmittedTemplateVersion", "SubmittedById", "SubmittedByName", "SubmittedAt",
        "Days", "NoDays", "NoDaysReason", "AverageShare", "Teachers", "Stages", "Requests", "UpdatedAt", "UpdatedByName", "TemplateVersion",
    ];

    private static readonly string[] RevisionListColumns =
        ["PartitionKey", "RowKey", "Revision", "TemplateVersion", "SubmittedById", "SubmittedByName", "SubmittedAt", "Days", "Teachers"];

    internal Task<ProgressSheetEntity?> GetSheetAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct) =>
        MonthSheetRows.GetAsync<ProgressSheetEntity>(Sheets, Partition(municipalityId, month), SheetKey(schoolId), ct);

    /// <summary>The figures of a school's sheet (no texts): what a help-plan item's source is checked against.</summary>
    internal async Task<ProgressSheetEntity?> GetFiguresAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var r = await Sheets.GetEntityIfExistsAsync<ProgressSheetEntity>(Partition(municipalityId, month), SheetKey(schoolId), FigureColumns, ct);
        return r.HasValue ? r.Value : null;
    }

    internal async Task<ProgressRows> ReadMonthAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var sheet = GetSheetAsync(municipalityId, schoolId, month, ct);
        var revisions = Sheets.PrefixAsync<ProgressRevisionEntity>(Partition(municipalityId, month), $"rev|{schoolId}|", ct, RevisionListColumns);
        var comments = Sheets.PrefixAsync<ProgressCommentEntity>(Partition(municipalityId, month), CommentPrefix(schoolId), ct);
        await Task.WhenAll(sheet, revisions, comments);
        return new ProgressRows(await sheet, await revisions, await comments);
    }

    internal async Task<ProgressRevisionEntity?> GetRevisionAsync(string municipalityId, string schoolId, YearMonth month, int revision, CancellationToken ct)
    {
        var r = await Sheets.GetEntityIfExistsAsync<ProgressRevisionEntity>(Partition(municipalityId, month), RevisionKey(schoolId, revision), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

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

    /// <summary>Every school's sheet figures for the month: one range of one partition. Working copies are not read.</summary>
    internal Task<IReadOnlyList<ProgressSheetEntity>> ReadMonthSheetsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        Sheets.PrefixAsync<ProgressSheetEntity>(Partition(municipalityId, month), "sheet|", ct, FigureColumns);

    /// <summary>Saves the working copy. Without an ETag the sheet must not exist yet; with one it must still match.</summary>
    internal Task<(SaveOutcome Outcome, ProgressSheetEntity? Sheet)> SaveDraftAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, string json,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        return MonthSheetRows.SaveDraftAsync<ProgressSheetEntity>(Sheets, Partition(municipalityId, month), SheetKey(schoolId), ifMatch, user, now,
            e =>
            {
                e.TemplateVersion = templateVersion;
                e.Draft = json;
                e.DraftDiffers = e.Revision > 0 && ProgressJson.Hash(json) != e.SubmittedHash;
            }, ct);
    }

    /// <summary>
    /// Submits: the sheet row (working copy = submitted, new figures) and a new immutable revision in one transaction
    /// (one partition), so a failure leaves neither. A retry of a submission that already went through — same content,
    /// made against the ETag the last submission was made against — is recognised and answered with it.
    /// </summary>
    internal async Task<(SaveOutcome Outcome, ProgressSheetEntity? Sheet)> SubmitAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, ProgressContent content, string json,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await GetSheetAsync(municipalityId, schoolId, month, ct);
        var hash = ProgressJson.Hash(json);
        if (existing is not null && (ifMatch is null || existing.ETag != ifMatch.Value))
        {
            var sameAttempt = existing.SubmittedFromEtag == (ifMatch?.ToString() ?? "");
            return existing.Revision > 0 && sameAttempt && !existing.DraftDiffers && existing.SubmittedHash == hash
                ? (SaveOutcome.AlreadySubmitted, existing)
                : (SaveOutcome.Conflict, existing);
        }

        if (existing is null && ifMatch is not null)
        {
            return (SaveOutcome.Conflict, null);
        }

        var sheet = existing ?? new ProgressSheetEntity { PartitionKey = Partition(municipalityId, month), RowKey = SheetKey(schoolId) };
        var number = sheet.Revision + 1;
        sheet.TemplateVersion = sheet.SubmittedTemplateVersion = templateVersion;
        sheet.Draft = json;
        sheet.SubmittedHash = hash;
        sheet.Revision = number;
        sheet.DraftDiffers = false;
        sheet.UpdatedById = sheet.SubmittedById = user.PersonId;
        sheet.UpdatedByName = sheet.SubmittedByName = user.Member.DisplayName;
        sheet.UpdatedAt = now;
        sheet.SubmittedAt = now;
        sheet.SubmittedFromEtag = ifMatch?.ToString() ?? "";
        ProgressFigures.Apply(content, sheet);
        var revision = new ProgressRevisionEntity
        {
            PartitionKey = sheet.PartitionKey,
            RowKey = RevisionKey(schoolId, number),
            Revision = number,
            TemplateVersion = templateVersion,
            Body = json,
            SubmittedById = user.PersonId,
            SubmittedByName = user.Member.DisplayName,
            SubmittedAt = now,
            Days = sheet.Days,
            Teachers = sheet.Teachers,
        };
        TableTransactionAction[] batch =
        [
            existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, sheet)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, sheet, ifMatch!.Value),
            new(TableTransactionActionType.Add, revision),
        ];
        try
        {
            var response = await Sheets.SubmitTransactionAsync(batch, ct);
            sheet.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return (SaveOutcome.Conflict, await GetSheetAsync(municipalityId, schoolId, month, ct));
        }

        return (SaveOutcome.Saved, sheet);
    }

    internal async Task<ProgressCommentEntity> AddCommentAsync(string municipalityId, string schoolId, YearMonth month, int revision, CurrentUser author, string text, DateTimeOffset now, CancellationToken ct)
    {
        var comment = new ProgressCommentEntity
        {
            PartitionKey = Partition(municipalityId, month),
            RowKey = $"{CommentPrefix(schoolId)}{now.UtcTicks:D19}|{Guid.NewGuid():n}",
            AuthorId = author.PersonId,
            AuthorName = author.Member.DisplayName,
            AuthorRole = author.Role.ToString(),
            Text = text,
            CreatedAt = now,
            Revision = revision,
        };
        await Sheets.AddEntityAsync(comment, ct);
        return comment;
    }
}
