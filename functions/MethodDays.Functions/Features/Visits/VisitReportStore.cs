using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Visits;

/// <summary>
/// The report's own text (table <c>visits</c>, PartitionKey the municipality, RowKey <c>rep|{visit}</c>): the summary,
/// the conclusions, the recommendations and the agreements. Everything else in the report is read from the visit,
/// its protocols and the school's plan of targeted help each time, so it never goes stale.
/// </summary>
internal sealed class VisitReportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Summary { get; set; } = "";
    public string Conclusions { get; set; } = "";

    /// <summary>JSON arrays of <see cref="ReportLine"/>.</summary>
    public string Recommendations { get; set; } = "[]";
    public string Agreements { get; set; } = "[]";

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The ETag the last save was made against: with the content it recognises a retried save.</summary>
    public string WrittenFromEtag { get; set; } = "";

    [IgnoreDataMember]
    public IReadOnlyList<ReportLine> RecommendationList => StoredJson.Read<List<ReportLine>>(Recommendations) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<ReportLine> AgreementList => StoredJson.Read<List<ReportLine>>(Agreements) ?? [];

    [IgnoreDataMember]
    public string Content => string.Join('\u001f', Summary, Conclusions, Recommendations, Agreements);
}

/// <summary>What a report save ran into.</summary>
internal enum ReportWrite
{
    Saved,
    Stale,
}

/// <summary>The report rows of table <c>visits</c>.</summary>
public sealed class VisitReportStore(TableServiceClient tables, StorageNames names)
{
    /// <summary>The ETag a report nobody wrote yet is read with: a save with it creates the row, if nobody did meanwhile.</summary>
    public const string NewTag = "\"new\"";

    private TableClient Visits => tables.Table(names, VisitStore.VisitsTable);

    internal static string Key(string visitId) => $"rep|{visitId}";

    internal async Task<VisitReportEntity?> GetAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        var found = await Visits.GetEntityIfExistsAsync<VisitReportEntity>(municipalityId, Key(visitId), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Creates the row (<paramref name="ifMatch"/> is <see cref="NewTag"/>) or replaces it over the ETag read.</summary>
    internal async Task<ReportWrite> SaveAsync(VisitReportEntity report, string ifMatch, CancellationToken ct)
    {
        try
        {
            var response = ifMatch == NewTag
                ? await Visits.AddEntityAsync(report, ct)
                : await Visits.UpdateEntityAsync(report, new ETag(ifMatch), TableUpdateMode.Replace, ct);
            report.ETag = response.Headers.ETag ?? default;
            return ReportWrite.Saved;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return ReportWrite.Stale;
        }
    }
}
