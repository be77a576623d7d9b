using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.SelfAssessment;

/// <summary>What a save or submit ran into.</summary>
public enum SaveOutcome
{
    Saved,

    /// <summary>The sheet changed since the caller read it (or was created meanwhile).</summary>
    Conflict,

    /// <summary>The same submission arrived again; the existing revision is the answer.</summary>
    AlreadySubmitted,
}

/// <summary>A school's rows for one month.</summary>
internal sealed record MonthRows(SheetEntity? Sheet, IReadOnlyList<RevisionEntity> Revisions, IReadOnlyList<CommentEntity> Comments);

/// <summary>
/// The self-assessment sheets, table <c>selfassessment</c>, PartitionKey <c>{municipality}|{month}</c>:
/// the coordinator's summary is one range of one partition (<c>sheet|…</c>), and a submission writes the sheet and
/// its new revision in one transaction — never one without the other. A school's history reads its sheet row of
/// each month (point reads, in parallel). Monthly figures for the trend chart live in <c>selfassessmentstats</c>.
/// </summary>
public sealed class SheetStore(TableServiceClient tables, StorageNames names)
{
    public const string SheetsTable = "selfassessment";
    public const string StatsTable = "selfassessmentstats";

    private TableClient Sheets => tables.Table(names, SheetsTable);
    private TableClient Stats => tables.Table(names, StatsTable);

    internal static string Partition(string municipalityId, YearMonth month) => $"{municipalityId}|{month}";

    internal static string SheetKey(string schoolId) => $"sheet|{schoolId}";

    internal static string RevisionKey(string schoolId, int revision) => $"rev|{schoolId}|{revision:D4}";

    private static string CommentPrefix(string schoolId) => $"comment|{schoolId}|";

    internal Task<SheetEntity?> GetSheetAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct) =>
        MonthSheetRows.GetAsync<SheetEntity>(Sheets, Partition(municipalityId, month), SheetKey(schoolId), ct);

    internal async Task<MonthRows> ReadMonthAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var sheet = GetSheetAsync(municipalityId, schoolId, month, ct);
        var revisions = Sheets.PrefixAsync<RevisionEntity>(Partition(municipalityId, month), $"rev|{schoolId}|", ct);
        var comments = Sheets.PrefixAsync<CommentEntity>(Partition(municipalityId, month), CommentPrefix(schoolId), ct);
        await Task.WhenAll(sheet, revisions, comments);
        return new MonthRows(await sheet, await revisions, await comments);
    }

    internal async Task<RevisionEntity?> GetRevisionAsync(string municipalityId, string schoolId, YearMonth month, int revision, CancellationToken ct)
    {
        var r = await Sheets.GetEntityIfExistsAsync<RevisionEntity>(Partition(municipalityId, month), RevisionKey(schoolId, revision), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>The school's sheet rows for the given months (missing months are left out).</summary>
    internal async Task<IReadOnlyList<(YearMonth Month, SheetEntity Sheet)>> ReadHistoryAsync(string municipalityId, string schoolId, IEnumerable<YearMonth> months, CancellationToken ct)
    {
        var reads = months.Select(async m => (Month: m, Sheet: await GetSheetAsync(municipalityId, schoolId, m, ct))).ToList();
        var rows = await Task.WhenAll(reads);
        return [.. rows.Where(r => r.Sheet is not null).Select(r => (r.Month, r.Sheet!)).OrderBy(r => r.Month)];
    }

    /// <summary>Every school's sheet for the month: one partition range. The working copy is not read.</summary>
    internal Task<IReadOnlyList<SheetEntity>> ReadMonthSheetsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        Sheets.PrefixAsync<SheetEntity>(Partition(municipalityId, month), "sheet|", ct, SummaryColumns);

    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "RowKey", "Revision", "DraftDiffers", "SubmittedTemplateVersion", "SubmittedValues", "SubmittedByName",
        "SubmittedAt", "Total", "ApplicableMax", "Percent", "Cluster", "Areas", "UpdatedAt", "UpdatedByName", "TemplateVersion",
    ];

    /// <summary>Saves the working copy. Without an ETag the sheet must not exist yet; with one it must still match.</summary>
    internal Task<(SaveOutcome Outcome, SheetEntity? Sheet)> SaveDraftAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion,
        IReadOnlyDictionary<string, string> values, CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        return MonthSheetRows.SaveDraftAsync<SheetEntity>(Sheets, Partition(municipalityId, month), SheetKey(schoolId), ifMatch, user, now,
            e =>
            {
                e.TemplateVersion = templateVersion;
                e.Values = SheetJson.Write(values);
                e.DraftDiffers = e.Revision > 0 && e.Values != e.SubmittedValues;
            }, ct);
    }

    /// <summary>
    /// Submits the given values: the sheet row and a new immutable revision in one transaction (one partition), so a
    /// failure leaves neither. A retry of a submission that already went through is recognised by its ETag.
    /// </summary>
    internal async Task<(SaveOutcome Outcome, SheetEntity? Sheet, RevisionEntity? Revision)> SubmitAsync(
        string municipalityId, string schoolId, YearMonth month, SheetTemplate template,
        IReadOnlyDictionary<string, string> values, SheetScore score, CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        var valuesJson = SheetJson.Write(values);

        // A first submission (no ETag) needs no read: the transaction's Add fails if the sheet exists meanwhile.
        var existing = ifMatch is null ? null : await GetSheetAsync(municipalityId, schoolId, month, ct);
        if (existing is null && ifMatch is not null)
        {
            return (SaveOutcome.Conflict, null, null);
        }

        if (existing is not null && existing.ETag != ifMatch!.Value)
        {
            return await RetriedOrConflictAsync(existing, ifMatch.Value.ToString(), valuesJson);
        }

        var sheet = existing ?? new SheetEntity { PartitionKey = Partition(municipalityId, month), RowKey = SheetKey(schoolId) };
        var number = sheet.Revision + 1;
        var areas = SheetJson.Write(score.Areas);
        sheet.TemplateVersion = sheet.SubmittedTemplateVersion = template.Version;
        sheet.Values = sheet.SubmittedValues = valuesJson;
        sheet.Revision = number;
        sheet.DraftDiffers = false;
        sheet.UpdatedById = sheet.SubmittedById = user.PersonId;
        sheet.UpdatedByName = sheet.SubmittedByName = user.Member.DisplayName;
        sheet.UpdatedAt = now;
        sheet.SubmittedAt = now;
        sheet.SubmittedFromEtag = ifMatch?.ToString() ?? "";
        sheet.Total = score.Total;
        sheet.ApplicableMax = score.ApplicableMax;
        sheet.Percent = score.Percent;
        sheet.Cluster = score.Cluster?.ToString();
        sheet.Areas = areas;
        var revision = new RevisionEntity
        {
            PartitionKey = sheet.PartitionKey,
            RowKey = RevisionKey(schoolId, number),
            Revision = number,
            TemplateVersion = template.Version,
            Values = valuesJson,
            SubmittedById = user.PersonId,
            SubmittedByName = user.Member.DisplayName,
            SubmittedAt = now,
            Total = score.Total,
            ApplicableMax = score.ApplicableMax,
            Percent = score.Percent,
            Cluster = sheet.Cluster,
            Areas = areas,
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
            var current = await GetSheetAsync(municipalityId, schoolId, month, ct);
            return current is null ? (SaveOutcome.Conflict, null, null) : await RetriedOrConflictAsync(current, ifMatch?.ToString() ?? "", valuesJson);
        }

        return (SaveOutcome.Saved, sheet, revision);

        // The same submission arriving again (same ETag it was made against, same answers) is answered, not repeated.
        async Task<(SaveOutcome, SheetEntity?, RevisionEntity?)> RetriedOrConflictAsync(SheetEntity current, string madeAgainst, string answers) =>
            current.Revision > 0 && current.SubmittedFromEtag == madeAgainst && !current.DraftDiffers && current.SubmittedValues == answers
                ? (SaveOutcome.AlreadySubmitted, current, await GetRevisionAsync(municipalityId, schoolId, month, current.Revision, ct))
                : (SaveOutcome.Conflict, current, null);
    }

    internal async Task<CommentEntity> AddCommentAsync(string municipalityId, string schoolId, YearMonth month, int revision, CurrentUser author, string text, DateTimeOffset now, CancellationToken ct)
    {
        var comment = new CommentEntity
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

    internal Task UpsertStatsAsync(MonthStatsEntity stats, CancellationToken ct) =>
        Stats.UpsertEntityAsync(stats, TableUpdateMode.Replace, ct);

    internal async Task<IReadOnlyList<MonthStatsEntity>> ReadStatsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<MonthStatsEntity>();
        await foreach (var e in Stats.QueryAsync<MonthStatsEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }
}
