using Azure;
using System.Text.Json.Nodes;
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

    /// <summary>How many times a write re-reads and merges when others keep writing in between.</summary>
    private const int MaxAttempts = 4;

    /// <summary>
    /// Saves the working copy. Without an ETag the sheet must not exist yet; with one it must still match. When it
    /// no longer matches and the write names the fields it changed with the values it started from
    /// (<paramref name="bases"/>), the fields are merged one by one (<see cref="FieldMerge"/>): the other person's
    /// answers stay, the writer's changed fields go on top, and only a field both changed differently is a conflict,
    /// answered with the row as it is now. Without <paramref name="bases"/> any stale write is a conflict.
    /// </summary>
    public async Task<FormWrite<TSheet, TRevision>> SaveDraftAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, TContent content,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct, IReadOnlyDictionary<string, JsonNode?>? bases = null)
    {
        var mine = form.Write(content);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = ifMatch is null && attempt == 0 ? null : await GetSheetAsync(municipalityId, schoolId, month, ct);
            if (ifMatch is not null && existing is null)
            {
                return new(SaveOutcome.Conflict, null, null, []);
            }

            var json = mine;
            if (existing is not null && existing.ETag != ifMatch)
            {
                var (merged, conflicts) = MergeOnto(existing, mine, bases);
                if (merged is null)
                {
                    return new(SaveOutcome.Conflict, existing, null, conflicts);
                }

                json = merged;
            }

            var sheet = existing ?? new TSheet { PartitionKey = FormKeys.Partition(municipalityId, month), RowKey = FormKeys.Sheet(schoolId) };
            Stamp(sheet, existing, json, user, now);
            sheet.TemplateVersion = templateVersion;
            form.PutDraft(sheet, json);
            sheet.DraftDiffers = sheet.Revision > 0 && !form.SubmittedHolds(sheet, json);
            try
            {
                var response = existing is null
                    ? await Rows.AddEntityAsync(sheet, ct)
                    : await Rows.UpdateEntityAsync(sheet, existing.ETag, TableUpdateMode.Replace, ct);
                sheet.ETag = response.Headers.ETag ?? default;
                return new(SaveOutcome.Saved, sheet, null, []);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone wrote in between: read again and merge onto what they wrote.
            }
        }

        return await BusyAsync(municipalityId, schoolId, month, mine, bases, ct);
    }

    /// <summary>
    /// Submits: the sheet row (working copy = submitted content, new figures) and a new immutable revision in one
    /// transaction (one partition), so a failure leaves neither. The same submission arriving again — same content,
    /// made against the ETag the last submission was made against — is answered with <see cref="SaveOutcome.AlreadySubmitted"/>,
    /// whether it arrives after the first went through or together with it (the transaction that lost re-reads).
    /// A stale ETag with <paramref name="bases"/> merges field by field as a draft does, and submits the merged sheet.
    /// The revision is returned when this call wrote it.
    /// </summary>
    public async Task<FormWrite<TSheet, TRevision>> SubmitAsync(
        string municipalityId, string schoolId, YearMonth month, string templateVersion, TContent content,
        CurrentUser user, ETag? ifMatch, DateTimeOffset now, CancellationToken ct, IReadOnlyDictionary<string, JsonNode?>? bases = null)
    {
        var mine = form.Write(content);
        var madeAgainst = ifMatch?.ToString() ?? "";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // A first submission (no ETag) needs no read: the transaction's Add fails if the sheet exists meanwhile.
            var existing = ifMatch is null && attempt == 0 ? null : await GetSheetAsync(municipalityId, schoolId, month, ct);
            if (ifMatch is not null && existing is null)
            {
                return new(SaveOutcome.Conflict, null, null, []);
            }

            var json = mine;
            var submitted = content;
            if (existing is not null && existing.ETag != ifMatch)
            {
                if (Retried(existing, madeAgainst, mine))
                {
                    return new(SaveOutcome.AlreadySubmitted, existing, null, []);
                }

                var (merged, conflicts) = MergeOnto(existing, mine, bases);
                if (merged is null)
                {
                    return new(SaveOutcome.Conflict, existing, null, conflicts);
                }

                submitted = form.Read(merged);
                json = form.Write(submitted);
            }

            var sheet = existing ?? new TSheet { PartitionKey = FormKeys.Partition(municipalityId, month), RowKey = FormKeys.Sheet(schoolId) };
            Stamp(sheet, existing, json, user, now);
            var number = sheet.Revision + 1;
            sheet.TemplateVersion = sheet.SubmittedTemplateVersion = templateVersion;
            sheet.Revision = number;
            sheet.DraftDiffers = false;
            sheet.SubmittedById = user.PersonId;
            sheet.SubmittedByName = user.Member.DisplayName;
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
            form.PutSubmission(sheet, revision, templateVersion, submitted, json);
            TableTransactionAction[] batch =
            [
                existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, sheet)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, sheet, existing.ETag),
                new(TableTransactionActionType.Add, revision),
            ];
            try
            {
                var response = await Rows.SubmitTransactionAsync(batch, ct);
                sheet.ETag = response.Value[0].Headers.ETag ?? default;
                return new(SaveOutcome.Saved, sheet, revision, []);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone wrote in between (or the same submission won): read again.
            }
        }

        var current = await GetSheetAsync(municipalityId, schoolId, month, ct);
        return current is not null && Retried(current, madeAgainst, mine)
            ? new(SaveOutcome.AlreadySubmitted, current, null, [])
            : await BusyAsync(municipalityId, schoolId, month, mine, bases, ct);
    }

    private bool Retried(TSheet current, string madeAgainst, string json) =>
        current.Revision > 0 && current.SubmittedFromEtag == madeAgainst && !current.DraftDiffers && form.SubmittedHolds(current, json);

    /// <summary>
    /// The writer's content merged onto the stored working copy (normalised through the form), or null with the
    /// conflicting fields and who changed each.
    /// </summary>
    private (string? Merged, IReadOnlyList<FieldConflict> Conflicts) MergeOnto(TSheet existing, string mine, IReadOnlyDictionary<string, JsonNode?>? bases)
    {
        var (merged, conflicts) = FieldMerge.Merge(FieldMerge.Fields(form.DraftJson(existing)), FieldMerge.Fields(mine), bases);
        if (conflicts.Count > 0 || bases is null)
        {
            var stamps = FieldStamps.Read(existing.FieldStamps);
            return (null, [.. conflicts.Select(c => new FieldConflict(c.Key, c.Yours, c.Theirs, stamps.Of(c.Key) ?? existing.UpdatedStamp()))]);
        }

        return (form.Write(form.Read(merged.ToJsonString())), []);
    }

    /// <summary>Marks the writer as the last to change the fields this write changes, and on the row as a whole.</summary>
    private void Stamp(TSheet sheet, TSheet? before, string json, CurrentUser user, DateTimeOffset now)
    {
        var stamps = FieldStamps.Read(before?.FieldStamps);
        var changed = FieldMerge.Changed(FieldMerge.Fields(before is null ? null : form.DraftJson(before)), FieldMerge.Fields(json)).ToList();
        stamps.Touch(changed, user.PersonId, user.Member.DisplayName, now);
        sheet.FieldStamps = stamps.Write();
        sheet.UpdatedById = user.PersonId;
        sheet.UpdatedByName = user.Member.DisplayName;
        sheet.UpdatedAt = now;
    }

    /// <summary>Others kept writing through every attempt: a conflict with the row as it is now.</summary>
    private async Task<FormWrite<TSheet, TRevision>> BusyAsync(
        string municipalityId, string schoolId, YearMonth month, string mine, IReadOnlyDictionary<string, JsonNode?>? bases, CancellationToken ct)
    {
        var current = await GetSheetAsync(municipalityId, schoolId, month, ct);
        return current is null
            ? new(SaveOutcome.Conflict, null, null, [])
            : new(SaveOutcome.Conflict, current, null, MergeOnto(current, mine, bases).Conflicts);
    }

    /// <summary>The comments on a school's sheet of a month, oldest first.</summary>
    public Task<IReadOnlyList<FormCommentEntity>> ListCommentsAsync(string municipalityId, string schoolId, YearMonth month, CancellationToken ct) =>
        Rows.PrefixAsync<FormCommentEntity>(FormKeys.Partition(municipalityId, month), FormKeys.CommentPrefix(schoolId), ct);

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
