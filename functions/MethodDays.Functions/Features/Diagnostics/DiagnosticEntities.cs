using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Diagnostics;

/// <summary>
/// A diagnostic round of a school (table <c>diagnosticrounds</c>, PartitionKey <c>{municipality}|{school}</c>, RowKey
/// the round id): entry («входная») or repeat («повторная», naming its entry round), its date, the instrument used
/// and the levels' cut-offs per competence.
/// </summary>
internal sealed class RoundEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MunicipalityId { get; set; } = "";
    public string SchoolId { get; set; } = "";

    /// <summary><c>entry</c> or <c>repeat</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>yyyy-MM-dd.</summary>
    public string Date { get; set; } = "";

    public string Title { get; set; } = "";
    public string Instrument { get; set; } = "";
    public string? EntryRoundId { get; set; }

    /// <summary>Cut-offs by competence code, JSON (<see cref="StoredJson"/>).</summary>
    public string CutOffs { get; set; } = "{}";

    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public string RoundId => RowKey;

    [IgnoreDataMember]
    public IReadOnlyDictionary<string, CutOff> CutOffMap =>
        Competences.All.ToDictionary(c => c.Code, c => (StoredJson.Read<Dictionary<string, CutOff>>(CutOffs) ?? []).GetValueOrDefault(c.Code) ?? Competences.DefaultCutOffs[c.Code]);
}

/// <summary>
/// A teacher's levels in one round (table <c>diagnosticresults</c>, PartitionKey <c>{municipality}|{school}|{round}</c>,
/// RowKey <c>t|{teacher id}</c>); earlier versions stay beside it as <c>h|{teacher id}|{inverted ticks}</c>, written in
/// the same transaction, so a correction never loses what was there. One partition per round: a school's import is a
/// few transactions, and the municipality's heat map one PartitionKey-range query.
/// </summary>
internal sealed class ResultEntity : ITableEntity
{
    public const string CurrentPrefix = "t|";
    public const string HistoryPrefix = "h|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MunicipalityId { get; set; } = "";
    public string SchoolId { get; set; } = "";
    public string RoundId { get; set; } = "";
    public string TeacherId { get; set; } = "";

    public int? Subject { get; set; }
    public int? Methodical { get; set; }
    public int? Digital { get; set; }
    public int? Communicative { get; set; }
    public int? Psychological { get; set; }

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public bool IsCurrent => RowKey.StartsWith(CurrentPrefix, StringComparison.Ordinal);

    public int? Get(string code) => code switch
    {
        "subject" => Subject,
        "methodical" => Methodical,
        "digital" => Digital,
        "communicative" => Communicative,
        "psychological" => Psychological,
        _ => null,
    };

    public void Set(string code, int? value)
    {
        switch (code)
        {
            case "subject": Subject = value; break;
            case "methodical": Methodical = value; break;
            case "digital": Digital = value; break;
            case "communicative": Communicative = value; break;
            case "psychological": Psychological = value; break;
        }
    }

    [IgnoreDataMember]
    public string Content => string.Join('|', Competences.All.Select(c => Get(c.Code)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));

    public IReadOnlyDictionary<string, int?> Levels() => Competences.All.ToDictionary(c => c.Code, c => Get(c.Code));
}
