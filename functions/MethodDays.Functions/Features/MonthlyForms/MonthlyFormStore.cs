using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// The one code path of every monthly form: read a school's month, save a draft, submit (the sheet row and a new
/// revision in one table transaction, never one without the other), read a revision, a school's history, the
/// month's figures, add a comment. Writes carry the ETag the caller read: a stale one is a conflict, never a lost
/// update; the same submission arriving again (a retry, or a double click in two tabs) is answered, not repeated.
/// A form's store derives from this and adds only what its form alone needs.
/// </summary>
internal abstract class MonthlyFormStore<TContent, TSheet, TRevision>(TableServiceClient tables, StorageNames names, MonthlyForm<TContent, TSheet, TRevision> form)
    where TSheet : FormSheetRow, new()
    where TRevision : FormRevisionRow, new()
{
    protected TableClient Rows => tables.Table(names, form.Table);

    public MonthlyForm<TContent, TSheet, TRevision> Form => form;

    public async Task<TSheet?> GetSheetAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var r = await Rows.GetEntityIfExistsAsync<TSheet>(FormKeys.Partition(municipalityId, month), FormKeys.Sheet(schoolId), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>The figures of a school's sheet (no working copy).</summary>
    public async Task<TSheet?> GetFiguresAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var r = await Rows.GetEntityIfExistsAsync<TSheet>(FormKeys.Partition(municipalityId, month), FormKeys.Sheet(schoolId), form.FigureColumns, ct);
        return r.HasValue ? r.Value : null;
    }

    public async Task<FormMonthRows<TSheet, TRevision>> ReadMonthAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct)
    {
        var partition = FormKeys.Partition(municipalityId, month);
        var sheet = GetSheetAsync(municipalityId, schoolId, month, ct);
        var revisions = Rows.PrefixAsync<TRevision>(partition, FormKeys.RevisionPrefix(schoolId), ct, form.RevisionListColumns);
        var comments = Rows.PrefixAsync<FormCommentEntity>(partition, FormKeys.CommentPrefix(schoolId), ct);
        await Task.WhenAll(sheet, revisions, comments);
        return new(await sheet, await revisions, await comments);
    }

    public async Task<TRevision?> GetRevisionAsync(string municipalityId, string schoolId, YearMonth month, int number, CancellationToken ct)
    {
        var r = await Rows.GetEntityIfExistsAsync<TRevision>(FormKeys.Partition(municipalityId, month), FormKeys.Revision(schoolId, number), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>The school's sheet rows for the given months (point reads in parallel; missing months left out), oldest first.</summary>
    public async Task<IReadOnlyList<(YearMonth Month, TSheet Sheet)>> ReadHistoryAsync(string municipalityId, string schoolId, IEnumerable<YearMonth> months, CancellationToken ct)
    {
        var rows = await Task.WhenAll(months.Select(async m => (Month: m, Sheet: await GetSheetAsync(municipalityId, schoolId, m, ct))));
        return [.. rows.Where(r => r.Sheet is not null).Select(r => (r.Month, r.Sheet!)).OrderBy(r => r.Month)];
    }

    /// <summary>Every school's sheet figures for the month: one range of one partition, working copies not read.</summary>
    public Task<IReadOnlyList<TSheet>> ReadMonthSheetsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        Rows.PrefixAsync<TSheet>(FormKeys.Partition(municipalityId, month), FormKeys.SheetPrefix, ct, form.FigureColumns);

    /// <summary>The schools that have submitted the month's sheet at least once.</summary>
    public async Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        (await ReadMonthSheetsAsync(municipalityId, month, ct)).Where(s => s.Revision > 0).Select(s => FormKeys.SchoolOf(s.RowKey)).ToHashSet();

    /// <summary>
    /// Saves the working copy. Without an ETag the sheet must not exist yet; with one it must still match. A conflict
    /// answers with the row as it is now.
    /// </summary>
    public async Task<(SaveOutcome Outcome, TSheet? Sheet)> SaveDraftAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, TContent content,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        TSheet sheet;
        if (ifMatch is null)
        {
            sheet = new TSheet { PartitionKey = FormKeys.Partition(municipalityId, month), RowKey = FormKeys.Sheet(schoolId) };
        }
        else
        {
            var existing = await GetSheetAsync(municipalityId, schoolId, month, ct);
            if (existing is null || existing.ETag != ifMatch.Value)
            {
                return (SaveOutcome.Conflict, existing);
            }

            sheet = existing;
        }

        var json = form.Write(content);
        sheet.TemplateVersion = templateVersion;
        form.PutDraft(sheet, json);
        sheet.DraftDiffers = sheet.Revision > 0 && !form.SubmittedHolds(sheet, json);
        sheet.UpdatedById = user.PersonId;
        sheet.UpdatedByName = user.Member.DisplayName;
        sheet.UpdatedAt = now;
        try
        {
            var response = ifMatch is null
                ? await Rows.AddEntityAsync(sheet, ct)
                : await Rows.UpdateEntityAsync(sheet, ifMatch.Value, TableUpdateMode.Replace, ct);
            sheet.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (SaveOutcome.Conflict, await GetSheetAsync(municipalityId, schoolId, month, ct));
        }

        return (SaveOutcome.Saved, sheet);
    }

    /// <summary>
    /// Submits: the sheet row (working copy = submitted content, new figures) and a new immutable revision in one
    /// transaction (one partition), so a failure leaves neither. The same submission arriving again — same content,
    /// made against the ETag the last submission was made against — is answered with <see cref="SaveOutcome.AlreadySubmitted"/>,
    /// whether it arrives after the first went through or together with it (the transaction that lost re-reads).
    /// The revision is returned when this call wrote it.
    /// </summary>
    public async Task<(SaveOutcome Outcome, TSheet? Sheet, TRevision? Revision)> SubmitAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, TContent content,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        var json = form.Write(content);
        var madeAgainst = ifMatch?.ToString() ?? "";

        // A first submission (no ETag) needs no read: the transaction's Add fails if the sheet exists meanwhile.
        var existing = ifMatch is null ? null : await GetSheetAsync(municipalityId, schoolId, month, ct);
        if (ifMatch is not null && existing is null)
        {
            return (SaveOutcome.Conflict, null, null);
        }

        if (existing is not null && existing.ETag != ifMatch!.Value)
        {
            return RetriedOrConflict(existing, madeAgainst, json);
        }

        var sheet = existing ?? new TSheet { PartitionKey = FormKeys.Partition(municipalityId, month), RowKey = FormKeys.Sheet(schoolId) };
        var number = sheet.Revision + 1;
        sheet.TemplateVersion = sheet.SubmittedTemplateVersion = templateVersion;
        sheet.Revision = number;
        sheet.DraftDiffers = false;
        sheet.UpdatedById = sheet.SubmittedById = user.PersonId;
        sheet.UpdatedByName = sheet.SubmittedByName = user.Member.DisplayName;
        sheet.UpdatedAt = now;
        sheet.SubmittedAt = now;
        sheet.SubmittedFromEtag = madeAgainst;
        var revision = new TRevision
        {
            PartitionKey = sheet.PartitionKey,
            RowKey = FormKeys.Revision(schoolId, number),
            Revision = number,
            TemplateVersion = templateVersion,
            SubmittedById = user.PersonId,
            SubmittedByName = user.Member.DisplayName,
            SubmittedAt = now,
        };
        form.PutSubmission(sheet, revision, templateVersion, content, json);
        TableTransactionAction[] batch =
        [
            existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, sheet)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, sheet, ifMatch!.Value),
            new(TableTransactionActionType.Add, revision),
        ];
        try
        {
            var response = await Rows.SubmitTransactionAsync(batch, ct);
            sheet.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            var current = await GetSheetAsync(municipalityId, schoolId, month, ct);
            return current is null ? (SaveOutcome.Conflict, null, null) : RetriedOrConflict(current, madeAgainst, json);
        }

        return (SaveOutcome.Saved, sheet, revision);

        (SaveOutcome, TSheet?, TRevision?) RetriedOrConflict(TSheet current, string against, string answers) =>
            current.Revision > 0 && current.SubmittedFromEtag == against && !current.DraftDiffers && form.SubmittedHolds(current, answers)
                ? (SaveOutcome.AlreadySubmitted, current, null)
                : (SaveOutcome.Conflict, current, null);
    }

    public async Task<FormCommentEntity> AddCommentAsync(
        string municipalityId, string schoolId, YearMonth month, int revision, CurrentUser author, string text, DateTimeOffset now, CancellationToken ct)
    {
        var comment = new FormCommentEntity
        {
            PartitionKey = FormKeys.Partition(municipalityId, month),
            RowKey = FormKeys.Comment(schoolId, now),
            AuthorId = author.PersonId,
            AuthorName = author.Member.DisplayName,
            AuthorRole = author.Role.ToString(),
            Text = text,
            CreatedAt = now,
            Revision = revision,
        };
        await Rows.AddEntityAsync(comment, ct);
        return comment;
    }
}
