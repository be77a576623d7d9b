namespace MethodDays.Features.Diagnostics;

internal static class DiagnosticViews
{
    public static RoundView Round(RoundEntity r, int teachers) => new(
        r.RoundId, r.Kind, DiagnosticRules.KindLabel(r.Kind), r.Date, r.Title, r.Instrument, r.EntryRoundId,
        [.. Competences.All.Select(c => new CompetenceView(c.Code, c.Label, r.CutOffMap[c.Code]))],
        teachers, r.UpdatedAt, r.UpdatedByName, r.ETag.ToString());

    public static ResultView Result(ResultEntity e, RoundEntity round, string name) => new(
        e.TeacherId, name, e.Levels(),
        Competences.All.ToDictionary(c => c.Code, c => e.Get(c.Code) is { } v ? Competences.LevelLabel(Competences.Level(v, round.CutOffMap[c.Code])) : null),
        e.UpdatedAt, e.UpdatedByName, e.ETag.ToString());

    /// <summary>
    /// Seed 004's table for an entry round and (if any) its repeat. <paramref name="only"/> limits the rows to one
    /// teacher (a teacher reading their own); <paramref name="rows"/> false leaves every row out (means and counts only).
    /// Means and counts are always over all the school's teachers of the round.
    /// </summary>
    public static DiagnosticTable Table(
        string schoolName, RoundEntity entry, RoundEntity? repeat, IReadOnlyList<ResultEntity> entryResults, IReadOnlyList<ResultEntity>? repeatResults,
        IReadOnlyDictionary<string, string> names, bool rows, string? only)
    {
        var atEntry = entryResults.ToDictionary(r => r.TeacherId);
        var atRepeat = (repeatResults ?? []).ToDictionary(r => r.TeacherId);
        var teachers = atEntry.Keys.Union(atRepeat.Keys)
            .OrderBy(id => names.GetValueOrDefault(id, id), StringComparer.CurrentCulture)
            .ToList();

        var tableRows = new List<TableRow>();
        if (rows)
        {
            var n = 0;
            foreach (var id in teachers)
            {
                n++;
                if (only is not null && id != only)
                {
                    continue;
                }

                tableRows.Add(new TableRow(n, id, names.GetValueOrDefault(id, "педагог не найден в списке школы"),
                    [.. Competences.All.Select(c => new TableCell(c.Code, atEntry.GetValueOrDefault(id)?.Get(c.Code), atRepeat.GetValueOrDefault(id)?.Get(c.Code)))]));
            }
        }

        var means = Competences.All
            .Select(c => new TableCell(c.Code, Competences.Mean(atEntry.Values.Select(r => r.Get(c.Code))), repeat is null ? null : Competences.Mean(atRepeat.Values.Select(r => r.Get(c.Code)))))
            .ToList();

        var levels = new List<LevelCount>();
        var changes = new List<LevelChange>();
        foreach (var c in Competences.All)
        {
            var entryCut = entry.CutOffMap[c.Code];
            var repeatCut = repeat?.CutOffMap[c.Code] ?? entryCut;
            foreach (var level in new[] { "low", "medium", "high" })
            {
                levels.Add(new LevelCount(c.Code, level, Competences.LevelLabel(level),
                    atEntry.Values.Count(r => r.Get(c.Code) is { } v && Competences.Level(v, entryCut) == level),
                    atRepeat.Values.Count(r => r.Get(c.Code) is { } v && Competences.Level(v, repeatCut) == level)));
            }

            var moves = teachers
                .Where(id => atEntry.GetValueOrDefault(id)?.Get(c.Code) is not null && atRepeat.GetValueOrDefault(id)?.Get(c.Code) is not null)
                .Select(id => (From: Competences.Level(atEntry[id].Get(c.Code)!.Value, entryCut), To: Competences.Level(atRepeat[id].Get(c.Code)!.Value, repeatCut)))
                .Where(m => m.From != m.To)
                .GroupBy(m => m)
                .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To);
            changes.AddRange(moves.Select(g => new LevelChange(c.Code, g.Key.From, g.Key.To,
                $"{Competences.LevelLabel(g.Key.From)} → {Competences.LevelLabel(g.Key.To)}", g.Count())));
        }

        var highAfter = repeat is null ? 0 : atRepeat.Values.Count(r => Competences.All.Any(c => r.Get(c.Code) is { } v && Competences.Level(v, repeat.CutOffMap[c.Code]) == "high"));
        return new DiagnosticTable(schoolName, Round(entry, atEntry.Count), repeat is null ? null : Round(repeat, atRepeat.Count), tableRows, means, levels, changes, highAfter);
    }
}
