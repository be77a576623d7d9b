using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// What every monthly form's sheet row has (RowKey <c>sheet|{school}</c>): a working copy with who changed it last,
/// and the last submission's number and author. Each form adds its content and the figures its summary reads.
/// </summary>
internal abstract class FormSheetRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string TemplateVersion { get; set; } = "";

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last changed each field of the working copy (<see cref="MonthlyForms.FieldStamps"/>): a conflict names them.</summary>
    public string? FieldStamps { get; set; }

    /// <summary>Number of the last submitted revision; 0 while never submitted.</summary>
    public int Revision { get; set; }

    /// <summary>The working copy was changed after the last submission.</summary>
    public bool DraftDiffers { get; set; }

    public string? SubmittedTemplateVersion { get; set; }
    public string? SubmittedById { get; set; }
    public string? SubmittedByName { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The ETag the last submission was made against: a retried submit is recognised and answered, not repeated.</summary>
    public string? SubmittedFromEtag { get; set; }

    /// <summary>
    /// <c>empty</c> (nothing saved), <c>draft</c> (saved, never submitted), <c>submitted</c>, <c>changed</c>
    /// (submitted, then edited and not yet resubmitted).
    /// </summary>
    public static string StatusOf(FormSheetRow? sheet) => sheet switch
    {
        null => "empty",
        { Revision: 0 } => "draft",
        { DraftDiffers: true } => "changed",
        _ => "submitted",
    };

    public Stamp UpdatedStamp() => new(UpdatedById, UpdatedByName, UpdatedAt);

    public Stamp? SubmittedStamp() => Revision > 0 && SubmittedAt is { } at ? new Stamp(SubmittedById ?? "", SubmittedByName ?? "", at) : null;
}

/// <summary>An immutable submitted revision (RowKey <c>rev|{school}|{n:D4}</c>); each form adds the content it keeps.</summary>
internal abstract class FormRevisionRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public int Revision { get; set; }
    public string TemplateVersion { get; set; } = "";
    public string SubmittedById { get; set; } = "";
    public string SubmittedByName { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }

    public Stamp SubmittedStamp() => new(SubmittedById, SubmittedByName, SubmittedAt);
}

/// <summary>A reviewer's comment (RowKey <c>comment|{school}|{ticks}|{id}</c>), the same for every form.</summary>
internal sealed class FormCommentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string AuthorRole { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Revision { get; set; }

    public CommentView ToView() =>
        new(RowKey, AuthorName, Enum.TryParse<People.Role>(AuthorRole, out var role) ? role : People.Role.Curator, Text, CreatedAt, Revision);
}

/// <summary>A school's rows of a form for one month.</summary>
internal sealed record FormMonthRows<TSheet, TRevision>(TSheet? Sheet, IReadOnlyList<TRevision> Revisions, IReadOnlyList<FormCommentEntity> Comments)
    where TSheet : FormSheetRow
    where TRevision : FormRevisionRow;
