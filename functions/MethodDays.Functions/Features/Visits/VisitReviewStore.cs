using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Visits;

/// <summary>
/// A row of a visit's review (table <c>visitreviews</c>, PartitionKey the municipality, RowKey from the visit's id):
/// <c>{visit}|doc|{code}</c> a document's verdict, <c>{visit}|file|{code}|{file}</c> an uploaded file,
/// <c>{visit}|dir|{code}</c> a direction's findings, <c>{visit}|exp|{id}</c> experience worth spreading,
/// <c>{visit}|int</c> the interview, <c>{visit}|rev|{part}|{n}</c> an overwritten text as it was, <c>{visit}|upl|{upload}</c>
/// a file's upload in blocks (its file, once complete, has the upload's id). One class for all:
/// each kind uses its own columns, the others stay empty (a table stores no empty column).
/// </summary>
internal sealed class ReviewRowEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string Code { get; set; } = "";

    // document
    public string? Verdict { get; set; }
    public string? Remarks { get; set; }
    public bool ProvidedOnSite { get; set; }

    // file
    public string? FileName { get; set; }
    public string? BlobName { get; set; }
    public long Size { get; set; }
    public string? ContentType { get; set; }

    // upload (also FileName, BlobName, Size; Code the document): open, refused (Refusal says why) or complete
    public string? State { get; set; }
    public string? Refusal { get; set; }

    // direction
    public string? Strengths { get; set; }
    public string? Problems { get; set; }

    // experience
    public string? ExperienceKind { get; set; }
    public string? TeacherId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
    public string? InvitedByName { get; set; }
    public string? InvitedPersonIds { get; set; }
    public string? PracticeId { get; set; }

    // interview
    public string? Date { get; set; }
    public string? Participants { get; set; }
    public string? ProblemDirections { get; set; }
    public string? Agreements { get; set; }

    // revision: the part's text as it was (JSON) and who wrote it then
    public string? Content { get; set; }
    public string? ReplacedByName { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> ProblemDirectionList => StoredJson.Read<List<string>>(ProblemDirections ?? "[]") ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<string> AgreementList => StoredJson.Read<List<string>>(Agreements ?? "[]") ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<string> InvitedList => (InvitedPersonIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The text a person wrote, as one JSON value: what a revision keeps when it is overwritten.</summary>
    [IgnoreDataMember]
    public string Text => Kind switch
    {
        VisitReviewStore.DocumentKind => StoredJson.Write(new { Verdict, Remarks, ProvidedOnSite }),
        VisitReviewStore.DirectionKind => StoredJson.Write(new { Strengths, Problems }),
        VisitReviewStore.ExperienceKind => StoredJson.Write(new { ExperienceKind, TeacherId, Name, Description }),
        VisitReviewStore.InterviewKind => StoredJson.Write(new { Date, Participants, ProblemDirections = ProblemDirectionList, Agreements = AgreementList }),
        _ => "",
    };
}

/// <summary>
/// A visit's review: the documents the school provides with the experts' verdicts, the findings of the five
/// directions, experience worth spreading (and the invitation to the bank), the interview. Rows in table
/// <c>visitreviews</c> (see <see cref="ReviewRowEntity"/>), the school's files in container <c>visit-documents</c>
/// (<c>{municipality}/{visit}/{document}/{file}</c>). Every part has its own ETag, so the school uploading, one expert
/// judging a document and another writing a direction never conflict; a part overwritten with other text keeps the
/// text it had as a revision row, written in the same transaction.
/// <para>
/// <b>For the report</b>: <see cref="GetAsync"/> reads the whole review in one range query and gives a
/// <see cref="VisitReviewRecord"/> — every document of the checklist in the seed's order (provided or not, files,
/// verdict, remarks), every one of the five directions (strengths, problems), the experience worth spreading (with the
/// practice submitted in answer, if any) and the interview (date, participants, problem directions, agreements).
/// </para>
/// </summary>
public sealed class VisitReviewStore(TableServiceClient tables, BlobServiceClient blobs, StorageNames names)
{
    public const string Table = "visitreviews";
    public const string FilesContainer = "visit-documents";

    internal const string DocumentKind = "doc";
    internal const string FileKind = "file";
    internal const string DirectionKind = "dir";
    internal const string ExperienceKind = "exp";
    internal const string InterviewKind = "int";
    internal const string RevisionKind = "rev";
    internal const string UploadKind = "upl";

    private TableClient Rows => tables.Table(names, Table);

    private BlobContainerClient Files => blobs.GetBlobContainerClient(names.Container(FilesContainer));

    internal static string Key(string visitId, string kind, string? code = null, string? more = null) =>
        $"{visitId}|{kind}" + (code is null ? "" : $"|{code}") + (more is null ? "" : $"|{more}");

    /// <summary>The whole review of a visit, for the page and for the report (see the class summary).</summary>
    public async Task<VisitReviewRecord> GetAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        var rows = await RowsAsync(municipalityId, visitId, ct);
        return Record(municipalityId, visitId, rows);
    }

    internal async Task<List<ReviewRowEntity>> RowsAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        // Every kind but the revisions and the uploads («upl») sorts before «rev»: one range.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and RowKey ge {visitId + "|"} and RowKey lt {visitId + "|rev|"}");
        var list = new List<ReviewRowEntity>();
        await foreach (var e in Rows.QueryAsync<ReviewRowEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    internal static VisitReviewRecord Record(string municipalityId, string visitId, IReadOnlyList<ReviewRowEntity> rows)
    {
        var files = rows.Where(r => r.Kind == FileKind).OrderBy(r => r.CreatedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new ReviewFileRecord(r.Code, r.RowKey[(r.RowKey.LastIndexOf('|') + 1)..], r.FileName ?? "", r.Size, r.ContentType ?? "", r.BlobName ?? "",
                r.UpdatedById, r.UpdatedByName, r.CreatedAt)).ToList();
        var documents = VisitReviewRules.Documents.Select(d =>
        {
            var row = rows.FirstOrDefault(r => r.Kind == DocumentKind && r.Code == d.Code);
            var mine = files.Where(f => f.DocumentCode == d.Code).ToList();
            return new ReviewDocumentRecord(d.Code, d.Title, d.Group, mine.Count > 0 || row?.ProvidedOnSite == true, row?.ProvidedOnSite == true, mine,
                row?.Verdict, VisitReviewRules.VerdictLabel(row?.Verdict), row?.Remarks ?? "", row?.UpdatedByName, row?.UpdatedAt, row?.ETag.ToString());
        }).ToList();
        var directions = VisitRules.Directions.Select(d =>
        {
            var row = rows.FirstOrDefault(r => r.Kind == DirectionKind && r.Code == d.Code);
            return new ReviewDirectionRecord(d.Code, d.Label, row?.Strengths ?? "", row?.Problems ?? "", row?.UpdatedByName, row?.UpdatedAt, row?.ETag.ToString());
        }).ToList();
        var experience = rows.Where(r => r.Kind == ExperienceKind).OrderBy(r => r.CreatedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new ReviewExperienceRecord(r.Code, r.ExperienceKind ?? "school", r.TeacherId, r.Name ?? "", r.Description ?? "", r.CreatedAt,
                r.InvitedAt, r.InvitedByName, r.InvitedList, r.PracticeId, r.UpdatedByName, r.ETag.ToString())).ToList();
        var interview = rows.FirstOrDefault(r => r.Kind == InterviewKind) is { } i
            ? new ReviewInterviewRecord(i.Date, i.Participants ?? "", i.ProblemDirectionList, i.AgreementList, i.UpdatedByName, i.UpdatedAt, i.ETag.ToString())
            : null;
        return new VisitReviewRecord(municipalityId, visitId, documents, directions, experience, interview);
    }

    internal async Task<ReviewRowEntity?> RowAsync(string municipalityId, string rowKey, CancellationToken ct)
    {
        var found = await Rows.GetEntityIfExistsAsync<ReviewRowEntity>(municipalityId, rowKey, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Saves a part: a new row only if none exists (<paramref name="ifMatch"/> null), else only over the ETag read. When
    /// <paramref name="before"/> had other text, it is kept as a revision in the same transaction. False on a conflict.
    /// </summary>
    internal async Task<bool> SaveAsync(ReviewRowEntity row, ETag? ifMatch, ReviewRowEntity? before, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
        {
            ifMatch is { } tag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, tag)
                : new TableTransactionAction(TableTransactionActionType.Add, row),
        };
        if (before is not null && ifMatch is not null && before.Text != row.Text && before.UpdatedAt != default)
        {
            var visitId = row.RowKey[..row.RowKey.IndexOf('|', StringComparison.Ordinal)];
            var part = row.Kind switch
            {
                DocumentKind => $"document.{row.Code}",
                DirectionKind => $"direction.{row.Code}",
                ExperienceKind => $"experience.{row.Code}",
                _ => "interview",
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new ReviewRowEntity
            {
                PartitionKey = row.PartitionKey,
                RowKey = Key(visitId, RevisionKind, part, row.UpdatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + VisitRules.NewId()),
                Kind = RevisionKind,
                Code = part,
                Content = before.Text,
                UpdatedById = before.UpdatedById,
                UpdatedByName = before.UpdatedByName,
                UpdatedAt = before.UpdatedAt,
                ReplacedByName = row.UpdatedByName,
                ReplacedAt = row.UpdatedAt,
            }));
        }

        try
        {
            var response = await Rows.SubmitTransactionAsync(actions, ct);
            row.ETag = response.Value[0].Headers.ETag ?? default;
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>The texts the review's parts had before they were overwritten, newest first.</summary>
    internal async Task<List<ReviewRowEntity>> RevisionsAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        var list = (await Rows.PrefixAsync<ReviewRowEntity>(municipalityId, Key(visitId, RevisionKind) + "|", ct)).ToList();
        return [.. list.OrderByDescending(r => r.ReplacedAt)];
    }

    // ---- files

    // ---- uploads in blocks (Platform/Storage/StagedBlocks): the session row, then the bytes, then the file row

    internal static string BlobName(string municipalityId, string visitId, string documentCode, string fileId) =>
        $"{municipalityId}/{visitId}/{documentCode}/{fileId}";

    internal Task AddUploadAsync(ReviewRowEntity upload, CancellationToken ct) => Rows.AddEntityAsync(upload, ct);

    internal Task<ReviewRowEntity?> UploadAsync(string municipalityId, string visitId, string uploadId, CancellationToken ct) =>
        RowAsync(municipalityId, Key(visitId, UploadKind, uploadId), ct);

    internal Task UpdateUploadAsync(ReviewRowEntity upload, CancellationToken ct) =>
        Rows.UpdateEntityAsync(upload, ETag.All, TableUpdateMode.Replace, ct);

    internal Task StageBlockAsync(ReviewRowEntity upload, ReceivedBlock block, CancellationToken ct) =>
        StagedBlocks.StageAsync(UploadBlob(upload), block, ct);

    internal Task<IReadOnlyList<int>> ReceivedBlocksAsync(ReviewRowEntity upload, CancellationToken ct) =>
        StagedBlocks.ReceivedAsync(UploadBlob(upload), StagedBlocks.CountFor(upload.Size), ct);

    /// <summary>Commits the upload's blocks as its file's bytes and inspects them; a refusal removes them and is returned.</summary>
    internal Task<string?> CommitUploadAsync(ReviewRowEntity upload, Func<Stream, string?> inspect, CancellationToken ct) =>
        StagedBlocks.CommitAsync(UploadBlob(upload), StagedBlocks.CountFor(upload.Size), upload.ContentType ?? "application/octet-stream",
            new Dictionary<string, string> { ["upload"] = upload.RowKey[(upload.RowKey.LastIndexOf('|') + 1)..] }, inspect, ct);

    /// <summary>
    /// The committed upload becomes a file of its document: the file row is added and the upload marked complete in
    /// one transaction, so a retried completion finds the one file. False when either changed meanwhile.
    /// </summary>
    internal async Task<bool> CompleteUploadAsync(ReviewRowEntity upload, ReviewRowEntity file, CancellationToken ct)
    {
        try
        {
            await Rows.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, upload, upload.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, file),
                ],
                ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Uploads of every municipality started before <paramref name="before"/> that did not become a file (for the cleanup timer).</summary>
    internal async Task<IReadOnlyList<ReviewRowEntity>> StaleUploadsAsync(DateTimeOffset before, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"Kind eq {UploadKind} and CreatedAt lt {before} and State ne {"complete"}");
        var list = new List<ReviewRowEntity>();
        await foreach (var e in Rows.QueryAsync<ReviewRowEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>
    /// Removes an upload that did not become a file: the bytes it may have committed (unless a file row holds them after
    /// all), then its row. Staged blocks nobody commits Blob Storage drops by itself within a week.
    /// </summary>
    internal async Task DeleteUploadAsync(ReviewRowEntity upload, CancellationToken ct)
    {
        var visitId = upload.RowKey[..upload.RowKey.IndexOf('|', StringComparison.Ordinal)];
        var id = upload.RowKey[(upload.RowKey.LastIndexOf('|') + 1)..];
        if (await RowAsync(upload.PartitionKey, Key(visitId, FileKind, upload.Code, id), ct) is null)
        {
            await UploadBlob(upload).DeleteIfExistsAsync(cancellationToken: ct);
        }

        try
        {
            await Rows.DeleteEntityAsync(upload.PartitionKey, upload.RowKey, ETag.All, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private BlockBlobClient UploadBlob(ReviewRowEntity upload) => Files.GetBlockBlobClient(upload.BlobName);

    internal async Task<Stream> OpenFileAsync(ReviewRowEntity file, CancellationToken ct) =>
        (await Files.GetBlobClient(file.BlobName).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;

    /// <summary>Removes a file: its row first (the page stops showing it), its upload's row, then the bytes.</summary>
    internal async Task DeleteFileAsync(ReviewRowEntity file, CancellationToken ct)
    {
        var visitId = file.RowKey[..file.RowKey.IndexOf('|', StringComparison.Ordinal)];
        foreach (var key in new[] { file.RowKey, Key(visitId, UploadKind, file.RowKey[(file.RowKey.LastIndexOf('|') + 1)..]) })
        {
            try
            {
                await Rows.DeleteEntityAsync(file.PartitionKey, key, ETag.All, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }

        if (file.BlobName is { } blob)
        {
            await Files.DeleteBlobIfExistsAsync(blob, cancellationToken: ct);
        }
    }
}
