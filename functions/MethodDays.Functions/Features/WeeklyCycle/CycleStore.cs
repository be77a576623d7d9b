using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>
/// The weekly cycle's records: the municipality's template and skipped weeks (<c>cycles</c>), topics
/// (<c>topics</c>, one partition per municipality), a week's status (<c>weeks</c>, one partition per municipality
/// and week, so a board is one scan) and the effects already produced (<c>effects</c>, idempotency keys).
/// </summary>
public sealed class CycleStore(TableServiceClient tables, StorageNames names)
{
    public const string CyclesTable = "cycles";
    public const string TopicsTable = "topics";
    public const string WeeksTable = "weeks";
    public const string EffectsTable = "effects";

    private TableClient Cycles => tables.Table(names, CyclesTable);
    private TableClient Topics => tables.Table(names, TopicsTable);
    private TableClient Weeks => tables.Table(names, WeeksTable);
    private TableClient Effects => tables.Table(names, EffectsTable);

    internal static string WeekPartition(string municipalityId, WeekId week) => $"{municipalityId}|{week}";

    internal static string StepKey(string schoolId, string stepId) => $"step|{schoolId}|{stepId}";

    // ---- template and skipped weeks

    /// <summary>
    /// The municipality's cycle; the Poltava preset until the coordinator chooses. A stored template is read as it was
    /// saved, through <see cref="CycleTemplate.Normalized"/>: rows from before steps had a separate deadline and a
    /// source keep each overdue-notice step's own time as its deadline, so an existing municipality works unchanged.
    /// </summary>
    public async Task<CycleTemplate> GetTemplateAsync(string municipalityId, CancellationToken ct)
    {
        var r = await Cycles.GetEntityIfExistsAsync<CycleEntity>(municipalityId, "template", cancellationToken: ct);
        return r.HasValue ? StoredJson.Read<CycleTemplate>(r.Value!.Body)!.Normalized() : CyclePresets.Poltava;
    }

    /// <summary>The municipality's choices about the cycle's notices (row <c>options</c>); all off until set.</summary>
    public async Task<CycleOptions> GetOptionsAsync(string municipalityId, CancellationToken ct)
    {
        var r = await Cycles.GetEntityIfExistsAsync<CycleEntity>(municipalityId, "options", cancellationToken: ct);
        return r.HasValue ? StoredJson.Read<CycleOptions>(r.Value!.Body) ?? CycleOptions.Default : CycleOptions.Default;
    }

    public Task SaveOptionsAsync(string municipalityId, CycleOptions options, string byName, DateTimeOffset now, CancellationToken ct) =>
        Cycles.UpsertEntityAsync(new CycleEntity { PartitionKey = municipalityId, RowKey = "options", Body = StoredJson.Write(options), UpdatedByName = byName, UpdatedAt = now }, TableUpdateMode.Replace, ct);

    public Task SaveTemplateAsync(string municipalityId, CycleTemplate template, string byName, DateTimeOffset now, CancellationToken ct) =>
        Cycles.UpsertEntityAsync(new CycleEntity { PartitionKey = municipalityId, RowKey = "template", Body = StoredJson.Write(template), UpdatedByName = byName, UpdatedAt = now }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyDictionary<WeekId, string>> SkippedWeeksAsync(string municipalityId, CancellationToken ct)
    {
        var result = new Dictionary<WeekId, string>();
        await foreach (var e in Cycles.QueryAsync<CycleEntity>(TableRanges.PrefixFilter(municipalityId, "skip|"), cancellationToken: ct))
        {
            if (WeekId.TryParse(e.RowKey[5..], out var week))
            {
                result[week] = e.Body;
            }
        }

        return result;
    }

    public Task SkipWeekAsync(string municipalityId, WeekId week, string reason, string byName, DateTimeOffset now, CancellationToken ct) =>
        Cycles.UpsertEntityAsync(new CycleEntity { PartitionKey = municipalityId, RowKey = $"skip|{week}", Body = reason, UpdatedByName = byName, UpdatedAt = now }, TableUpdateMode.Replace, ct);

    public Task UnskipWeekAsync(string municipalityId, WeekId week, CancellationToken ct) =>
        Cycles.DeleteEntityAsync(municipalityId, $"skip|{week}", ETag.All, ct);

    // ---- topics

    internal async Task<TopicEntity?> GetTopicAsync(string municipalityId, WeekId week, CancellationToken ct)
    {
        var r = await Topics.GetEntityIfExistsAsync<TopicEntity>(municipalityId, week.ToString(), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    internal async Task<IReadOnlyList<TopicEntity>> ListTopicsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<TopicEntity>();
        await foreach (var e in Topics.QueryAsync<TopicEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Creates (no ETag) or updates (ETag must match) the week's topic. Returns false on a conflict.</summary>
    internal Task<bool> SaveTopicAsync(TopicEntity topic, ETag? ifMatch, CancellationToken ct) =>
        ifMatch is null ? Topics.TryAddAsync(topic, ct) : Topics.TryReplaceAsync(topic, ifMatch.Value, ct);

    /// <summary>Keeps a published topic's text before a correction: row <c>revision|{ticks}</c> of the week's partition.</summary>
    internal Task AddTopicRevisionAsync(string municipalityId, WeekId week, TopicEntity old, DateTimeOffset now, CancellationToken ct) =>
        Weeks.UpsertEntityAsync(new TopicEntity
        {
            PartitionKey = WeekPartition(municipalityId, week),
            RowKey = $"revision|{now.UtcTicks:D19}",
            Title = old.Title,
            Videos = old.Videos,
            Questions = old.Questions,
            Assignment = old.Assignment,
            PublishedAt = old.PublishedAt,
            UpdatedByName = old.UpdatedByName,
            UpdatedAt = old.UpdatedAt,
        }, TableUpdateMode.Replace, ct);

    internal async Task<IReadOnlyList<TopicEntity>> ListTopicRevisionsAsync(string municipalityId, WeekId week, CancellationToken ct)
    {
        var pk = WeekPartition(municipalityId, week);
        var list = new List<TopicEntity>();
        await foreach (var e in Weeks.QueryAsync<TopicEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo("revision|") > 0 && x.RowKey.CompareTo("revision}") < 0, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    // ---- a week's status

    internal async Task<(IReadOnlyList<StepEntity> Steps, IReadOnlyList<QuestionEntity> Questions)> ReadWeekAsync(string municipalityId, WeekId week, CancellationToken ct)
    {
        var pk = WeekPartition(municipalityId, week);
        var steps = new List<StepEntity>();
        var questions = new List<QuestionEntity>();
        await foreach (var row in Weeks.QueryAsync<TableEntity>(x => x.PartitionKey == pk, cancellationToken: ct))
        {
            if (row.RowKey.StartsWith("step|", StringComparison.Ordinal))
            {
                steps.Add(StepOf(row));
            }
            else if (row.RowKey.StartsWith("question|", StringComparison.Ordinal))
            {
                questions.Add(QuestionOf(row));
            }
        }

        return (steps, questions);
    }

    internal async Task<StepEntity?> GetStepAsync(string municipalityId, WeekId week, string schoolId, string stepId, CancellationToken ct)
    {
        var r = await Weeks.GetEntityIfExistsAsync<StepEntity>(WeekPartition(municipalityId, week), StepKey(schoolId, stepId), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>Records a step as done; doing it again replaces the text (a corrected decision) and keeps the first time.</summary>
    internal async Task<StepEntity> MarkStepAsync(string municipalityId, WeekId week, StepEntity step, CancellationToken ct)
    {
        step.PartitionKey = WeekPartition(municipalityId, week);
        step.RowKey = StepKey(step.SchoolId, step.StepId);
        var existing = await GetStepAsync(municipalityId, week, step.SchoolId, step.StepId, ct);
        if (existing is not null)
        {
            step.DoneAt = existing.DoneAt;
            step.Late = existing.Late;
        }

        await Weeks.UpsertEntityAsync(step, TableUpdateMode.Replace, ct);
        return step;
    }

    internal Task AddQuestionAsync(QuestionEntity question, CancellationToken ct) => Weeks.AddEntityAsync(question, ct);

    internal async Task<QuestionEntity?> GetQuestionAsync(string municipalityId, WeekId week, string rowKey, CancellationToken ct)
    {
        var r = await Weeks.GetEntityIfExistsAsync<QuestionEntity>(WeekPartition(municipalityId, week), rowKey, cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>Replaces the question under the ETag it was read with; false when someone changed it meanwhile.</summary>
    internal Task<bool> UpdateQuestionAsync(QuestionEntity question, CancellationToken ct) => Weeks.TryReplaceAsync(question, question.ETag, ct);

    // ---- effects (idempotency keys)

    internal async Task<Dictionary<string, EffectEntity>> ReadEffectsAsync(string partition, CancellationToken ct)
    {
        var result = new Dictionary<string, EffectEntity>(StringComparer.Ordinal);
        await foreach (var e in Effects.QueryAsync<EffectEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            result[e.RowKey] = e;
        }

        return result;
    }

    /// <summary>Claims an effect: insert-if-absent, so of two overlapping ticks only one wins it.</summary>
    internal Task<bool> ClaimEffectAsync(EffectEntity effect, CancellationToken ct) => Effects.TryAddAsync(effect, ct);

    /// <summary>
    /// Claims effects of one partition together: one insert transaction per hundred (all or nothing). If another
    /// tick got to one of them first, that hundred is claimed one by one, so each effect still has one owner.
    /// </summary>
    internal async Task<IReadOnlyList<EffectEntity>> ClaimEffectsAsync(IReadOnlyList<EffectEntity> effects, CancellationToken ct)
    {
        if (effects.Count == 1)
        {
            return await ClaimEffectAsync(effects[0], ct) ? effects : [];
        }

        try
        {
            await Effects.SubmitTransactionAsync(effects.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
            return effects;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            var claimed = new List<EffectEntity>();
            foreach (var effect in effects)
            {
                if (await ClaimEffectAsync(effect, ct))
                {
                    claimed.Add(effect);
                }
            }

            return claimed;
        }
    }

    /// <summary>Marks claimed effects of one partition as queued, a hundred per transaction.</summary>
    internal async Task MarkEnqueuedAsync(IReadOnlyList<EffectEntity> effects, CancellationToken ct)
    {
        foreach (var effect in effects)
        {
            effect.Enqueued = true;
        }

        foreach (var chunk in effects.Chunk(100))
        {
            await Effects.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All)), ct);
        }
    }

    private static StepEntity StepOf(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        StepId = row.GetString(nameof(StepEntity.StepId)) ?? "",
        SchoolId = row.GetString(nameof(StepEntity.SchoolId)) ?? "",
        Text = row.GetString(nameof(StepEntity.Text)) ?? "",
        DoneAt = row.GetDateTimeOffset(nameof(StepEntity.DoneAt)) ?? default,
        ByName = row.GetString(nameof(StepEntity.ByName)) ?? "",
        Late = row.GetBoolean(nameof(StepEntity.Late)) ?? false,
    };

    private static QuestionEntity QuestionOf(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        SchoolId = row.GetString(nameof(QuestionEntity.SchoolId)) ?? "",
        TopicQuestion = row.GetInt32(nameof(QuestionEntity.TopicQuestion)) ?? -1,
        Text = row.GetString(nameof(QuestionEntity.Text)) ?? "",
        AskedAt = row.GetDateTimeOffset(nameof(QuestionEntity.AskedAt)) ?? default,
        AskedByName = row.GetString(nameof(QuestionEntity.AskedByName)) ?? "",
        Late = row.GetBoolean(nameof(QuestionEntity.Late)) ?? false,
        Answer = row.GetString(nameof(QuestionEntity.Answer)),
        AnsweredAt = row.GetDateTimeOffset(nameof(QuestionEntity.AnsweredAt)),
        AnsweredByName = row.GetString(nameof(QuestionEntity.AnsweredByName)),
    };
}
