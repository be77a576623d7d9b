namespace MethodDays.Features.People;

/// <summary>Rows created, updated and left as they were.</summary>
public sealed record ImportCounts(int Created, int Updated, int Unchanged);

/// <summary>One row that creates or changes a record: its sheet and row, the record's code and name, "created" or "updated".</summary>
public sealed record ImportChange(string Sheet, int Row, string Id, string Name, string Action);

/// <summary>What an import did (or, for a dry run, would do).</summary>
public sealed record ImportReport(bool DryRun, ImportCounts Schools, ImportCounts People, IReadOnlyList<ImportChange> Changes);

/// <summary>A record to write: <see cref="ETag"/> null means create it (the write fails if it appeared meanwhile).</summary>
internal sealed record ImportWrite<T>(T Value, Azure.ETag? ETag);

internal sealed record ImportPlan(
    IReadOnlyList<ImportCellError> Errors,
    IReadOnlyList<ImportWrite<School>> Schools,
    IReadOnlyList<ImportWrite<Member>> Members,
    ImportCounts SchoolCounts,
    ImportCounts PeopleCounts,
    IReadOnlyList<ImportChange> Changes);

/// <summary>
/// Compares a workbook, already checked for form (<see cref="PeopleImportFile"/>), with the municipality's directory:
/// matches schools by code or exact full name and people by e-mail, resolves the schools a person is given, applies
/// the role rules of the people page, and derives codes for the new records. Nothing here writes; a plan with
/// errors is never written at all.
/// </summary>
internal static class PeopleImport
{
    public static ImportPlan Plan(
        PeopleImportFile file,
        string municipalityId,
        CurrentUser user,
        IReadOnlyList<Stored<School>> schools,
        IReadOnlyList<Stored<Member>> members,
        IReadOnlyDictionary<string, string> emailMunicipalities)
    {
        var errors = new List<ImportCellError>(file.Errors);
        var changes = new List<ImportChange>();
        var (schoolWrites, schoolCounts, final) = PlanSchools(file, municipalityId, schools, errors, changes);
        var (memberWrites, peopleCounts) = PlanPeople(file, municipalityId, user, final, members, emailMunicipalities, errors, changes);
        return new ImportPlan([.. errors.OrderBy(SheetOrder).ThenBy(e => RowOf(e.Cell)).ThenBy(e => e.Cell, StringComparer.Ordinal)], schoolWrites, memberWrites, schoolCounts, peopleCounts, changes);
    }

    private static (List<ImportWrite<School>>, ImportCounts, Dictionary<string, School>) PlanSchools(
        PeopleImportFile file, string municipalityId, IReadOnlyList<Stored<School>> existing, List<ImportCellError> errors, List<ImportChange> changes)
    {
        var byId = existing.ToDictionary(s => s.Value.Id, StringComparer.Ordinal);
        var byName = existing.GroupBy(s => Key(s.Value.Name)).ToDictionary(g => g.Key, g => g.First());
        var taken = new HashSet<string>(byId.Keys, StringComparer.Ordinal);
        taken.UnionWith(file.Schools.Where(r => r.Code is not null).Select(r => r.Code!));
        var final = existing.ToDictionary(s => s.Value.Id, s => s.Value, StringComparer.Ordinal);
        var fromFile = new Dictionary<string, SchoolRow>(StringComparer.Ordinal);
        var writes = new List<ImportWrite<School>>();
        var unchanged = 0;
        var layout = file.SchoolLayout;
        foreach (var row in file.Schools)
        {
            Stored<School>? match = null;
            if (row.Code is { } code && !byId.TryGetValue(code, out match) && byName.TryGetValue(Key(row.Name), out var named))
            {
                errors.Add(new(layout!.Cell("code", row.Row), $"Школа «{row.Name}» уже есть в муниципалитете с кодом «{named.Value.Id}»: укажите этот код или оставьте ячейку пустой."));
                continue;
            }

            if (row.Code is null)
            {
                byName.TryGetValue(Key(row.Name), out match);
            }

            if (match is not null && fromFile.TryGetValue(match.Value.Id, out var first))
            {
                errors.Add(new(layout!.Cell("name", row.Row), $"Эта школа (код «{match.Value.Id}») уже описана в строке {first.Row}."));
                continue;
            }

            var id = match?.Value.Id ?? row.Code ?? PeopleCodes.Derive(row.ShortName, taken, "school");
            taken.Add(id);
            fromFile[id] = row;
            var school = new School(municipalityId, id, row.Name, row.ShortName, row.Kind, row.LowResults, row.Improving, row.Leader);
            final[id] = school;
            if (match is not null && match.Value == school)
            {
                unchanged++;
                continue;
            }

            writes.Add(new(school, match?.ETag));
            changes.Add(new(PeopleWorkbook.SchoolsSheet, row.Row, id, row.ShortName, match is null ? "created" : "updated"));
        }

        // Names must stay unique against the schools the file does not mention: people find schools by them.
        foreach (var (id, row) in fromFile)
        {
            var other = final.Values.FirstOrDefault(s => s.Id != id && !fromFile.ContainsKey(s.Id) && Key(s.ShortName) == Key(row.ShortName));
            if (other is not null)
            {
                errors.Add(new(layout!.Cell("short", row.Row), $"Краткое название «{row.ShortName}» уже у школы «{other.Name}» (код «{other.Id}»)."));
            }

            other = final.Values.FirstOrDefault(s => s.Id != id && !fromFile.ContainsKey(s.Id) && Key(s.Name) == Key(row.Name));
            if (other is not null)
            {
                errors.Add(new(layout!.Cell("name", row.Row), $"Школа с таким названием уже есть в муниципалитете (код «{other.Id}»)."));
            }
        }

        var created = writes.Count(w => w.ETag is null);
        return (writes, new ImportCounts(created, writes.Count - created, unchanged), final);
    }

    private static (List<ImportWrite<Member>>, ImportCounts) PlanPeople(
        PeopleImportFile file,
        string municipalityId,
        CurrentUser user,
        Dictionary<string, School> schools,
        IReadOnlyList<Stored<Member>> existing,
        IReadOnlyDictionary<string, string> emailMunicipalities,
        List<ImportCellError> errors,
        List<ImportChange> changes)
    {
        // A person names a school by its code, short name or full name, in that order of preference.
        var byCode = schools.Values.ToDictionary(s => s.Id, s => s.Id, StringComparer.OrdinalIgnoreCase);
        var byShort = schools.Values.GroupBy(s => Key(s.ShortName)).ToDictionary(g => g.Key, g => g.First().Id);
        var byName = schools.Values.GroupBy(s => Key(s.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        var byEmail = existing.Where(m => !string.IsNullOrWhiteSpace(m.Value.Email))
            .GroupBy(m => m.Value.Email!.Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var taken = existing.Select(m => m.Value.PersonId).ToHashSet(StringComparer.Ordinal);
        var writes = new List<ImportWrite<Member>>();
        var unchanged = 0;
        var layout = file.PeopleLayout;
        foreach (var row in file.People)
        {
            var before = errors.Count;
            var email = row.Email.ToLowerInvariant();
            byEmail.TryGetValue(email, out var match);
            if (match is null && emailMunicipalities.TryGetValue(email, out var elsewhere) && elsewhere != municipalityId)
            {
                errors.Add(new(layout!.Cell("email", row.Row), $"Человек с e-mail «{row.Email}» уже участвует в программе в другом муниципалитете: один адрес может быть только в одном муниципалитете."));
            }

            var ids = new List<string>();
            foreach (var token in row.Schools)
            {
                var key = Key(token);
                if (byCode.TryGetValue(token, out var id) || byShort.TryGetValue(key, out id) || byName.TryGetValue(key, out id))
                {
                    if (!ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
                else if (!file.BadSchoolKeys.Contains(key))
                {
                    errors.Add(new(layout!.Cell("schools", row.Row), $"Школы «{token}» нет ни на листе «Школы», ни в муниципалитете."));
                }
            }

            if (row.Role is Role.SchoolAdmin or Role.Teacher && row.Schools.Count != 1)
            {
                errors.Add(new(layout!.Cell("schools", row.Row), "Администрации школы и педагогу указывается ровно одна школа."));
            }
            else if (row.Role is Role.Coordinator or Role.Methodist && row.Schools.Count != 0)
            {
                errors.Add(new(layout!.Cell("schools", row.Row), "Координатору и методисту школы не указываются: они видят все школы муниципалитета."));
            }

            if (match?.Value.PersonId == user.PersonId && row.Role != Role.Coordinator)
            {
                errors.Add(new(layout!.Cell("role", row.Row), "Нельзя снять с себя роль координатора: попросите об этом другого координатора."));
            }

            if (errors.Count != before)
            {
                continue;
            }

            var personId = match?.Value.PersonId ?? PeopleCodes.Derive(row.DisplayName, taken, "person");
            taken.Add(personId);

            // Whether a person may sign in is not in the file: an existing member keeps it, a new one may.
            var member = new Member(municipalityId, personId, row.DisplayName, row.Email, row.Role, ids, match?.Value.Active ?? true);
            if (match is not null && Same(match.Value, member))
            {
                unchanged++;
                continue;
            }

            writes.Add(new(member, match?.ETag));
            changes.Add(new(PeopleWorkbook.PeopleSheet, row.Row, personId, row.DisplayName, match is null ? "created" : "updated"));
        }

        var created = writes.Count(w => w.ETag is null);
        return (writes, new ImportCounts(created, writes.Count - created, unchanged));
    }

    private static bool Same(Member a, Member b) =>
        a.DisplayName == b.DisplayName && a.Email == b.Email && a.Role == b.Role && a.Active == b.Active &&
        a.SchoolIds.ToHashSet(StringComparer.Ordinal).SetEquals(b.SchoolIds);

    private static string Key(string text) => PeopleImportFile.Key(text);

    private static int SheetOrder(ImportCellError e) =>
        e.Cell.StartsWith(PeopleWorkbook.SchoolsSheet, StringComparison.Ordinal) ? 0 : e.Cell.StartsWith(PeopleWorkbook.PeopleSheet, StringComparison.Ordinal) ? 1 : 2;

    /// <summary>"Люди!C7" → 7; a whole sheet ("Люди") sorts first.</summary>
    private static int RowOf(string cell)
    {
        var at = cell.IndexOf('!', StringComparison.Ordinal);
        var digits = at < 0 ? "" : new string([.. cell[(at + 1)..].SkipWhile(char.IsLetter).TakeWhile(char.IsDigit)]);
        return int.TryParse(digits, out var row) ? row : 0;
    }
}
