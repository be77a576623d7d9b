using System.Globalization;
using System.Text.RegularExpressions;

namespace MethodDays.Features.People;

/// <summary>One problem in the uploaded workbook: where («Люди!C7», «Школы!1:1», «Люди») and why, in Russian.</summary>
public sealed record ImportCellError(string Cell, string Reason);

/// <summary>A «Школы» row, checked for form: required cells, type, flags, code syntax.</summary>
internal sealed record SchoolRow(int Row, string Name, string ShortName, SchoolKind Kind, bool LowResults, bool Improving, bool Leader, string? Code);

/// <summary>A «Люди» row, checked for form: required cells, role, e-mail syntax; schools still as written.</summary>
internal sealed record PersonRow(int Row, string DisplayName, Role Role, string Email, IReadOnlyList<string> Schools);

/// <summary>Where a field of a sheet sits, to name a cell in an error.</summary>
internal sealed record SheetLayout(string Sheet, IReadOnlyDictionary<string, int> Columns)
{
    public string Cell(string field, int row) => $"{Sheet}!{ImportGrid.ColumnName(Columns[field])}{row}";
}

/// <summary>
/// The uploaded workbook read into rows and checked for form, before anything is compared with the directory.
/// Columns are found by their caption in row 1 (see <see cref="PeopleWorkbook"/>), so moved columns still work.
/// </summary>
internal sealed partial class PeopleImportFile
{
    /// <summary>Far above a municipality's size; a cap so a pasted million rows is refused, not processed.</summary>
    public const int MaxRows = 5000;

    private static readonly (string Field, string[] Captions, bool Required)[] SchoolFields =
    [
        ("name", ["полное название", "название"], true),
        ("short", ["краткое название"], true),
        ("kind", ["тип"], true),
        ("low", ["шнор"], true),
        ("improving", ["прш"], true),
        ("leader", ["школа-лидер", "школа лидер", "лидер"], true),
        ("code", ["код"], false),
    ];

    private static readonly (string Field, string[] Captions, bool Required)[] PeopleFields =
    [
        ("name", ["фио", "ф.и.о."], true),
        ("role", ["роль"], true),
        ("email", ["e-mail", "email", "электронная почта", "эл. почта", "почта"], true),
        ("schools", ["школы", "школа"], true),
    ];

    private static readonly Dictionary<string, Role> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["муниципальный координатор"] = Role.Coordinator,
        ["администратор школы"] = Role.SchoolAdmin,
        ["административная команда"] = Role.SchoolAdmin,
        ["учитель"] = Role.Teacher,
    };

    public List<ImportCellError> Errors { get; } = [];

    public List<SchoolRow> Schools { get; } = [];

    public List<PersonRow> People { get; } = [];

    /// <summary>Names and codes written on «Школы» rows that have errors: «Люди» may name them without a second error.</summary>
    public HashSet<string> BadSchoolKeys { get; } = [];

    public SheetLayout? SchoolLayout { get; private set; }

    public SheetLayout? PeopleLayout { get; private set; }

    /// <summary>Reads the workbook; null when the bytes are not an .xlsx workbook at all.</summary>
    public static PeopleImportFile? Read(Stream xlsx)
    {
        Dictionary<string, ImportGrid> grids;
        try
        {
            grids = ImportGrid.ReadAll(xlsx);
        }
        catch (Exception e) when (ImportGrid.Unreadable(e))
        {
            return null;
        }

        var file = new PeopleImportFile();
        var schools = file.Sheet(grids, PeopleWorkbook.SchoolsSheet, SchoolFields);
        var people = file.Sheet(grids, PeopleWorkbook.PeopleSheet, PeopleFields);
        if (schools is not null)
        {
            file.ReadSchools(schools.Value.Grid, file.SchoolLayout = schools.Value.Layout);
        }

        if (people is not null)
        {
            file.ReadPeople(people.Value.Grid, file.PeopleLayout = people.Value.Layout);
        }

        return file;
    }

    private (ImportGrid Grid, SheetLayout Layout)? Sheet(Dictionary<string, ImportGrid> grids, string name, (string Field, string[] Captions, bool Required)[] fields)
    {
        if (!grids.TryGetValue(name, out var grid))
        {
            Errors.Add(new(name, $"В файле нет листа «{name}». Скачайте шаблон заново или верните листу его название."));
            return null;
        }

        foreach (var merge in grid.Merges)
        {
            Errors.Add(new($"{name}!{merge}", "Объединённые ячейки: разъедините их — в каждой ячейке должно быть одно значение."));
        }

        var columns = new Dictionary<string, int>();
        foreach (var (column, cell) in grid.Row(1))
        {
            var caption = Caption(cell.Text);
            var field = fields.FirstOrDefault(f => f.Captions.Contains(caption)).Field;
            if (field is not null)
            {
                columns.TryAdd(field, column);
            }
        }

        var missing = fields.Where(f => f.Required && !columns.ContainsKey(f.Field)).ToList();
        foreach (var (_, captions, _) in missing)
        {
            Errors.Add(new($"{name}!1:1", $"Нет столбца «{Capitalise(captions[0])}»: в первой строке должны быть заголовки из шаблона."));
        }

        if (grid.RowCount - 1 > MaxRows)
        {
            Errors.Add(new(name, $"Слишком много строк: не больше {MaxRows}."));
            return null;
        }

        return missing.Count > 0 ? null : (grid, new SheetLayout(name, columns));
    }

    private void ReadSchools(ImportGrid grid, SheetLayout layout)
    {
        var names = new Dictionary<string, int>();
        var shortNames = new Dictionary<string, int>();
        var codes = new Dictionary<string, int>();
        foreach (var row in grid.DataRows(layout.Columns.Values))
        {
            string Text(string field) => layout.Columns.TryGetValue(field, out var c) ? grid.Text(row, c) : "";
            var errors = Errors.Count;
            var name = Required(layout, "name", row, Text("name"), "полное название школы", 3, 300);
            var shortName = Required(layout, "short", row, Text("short"), "краткое название школы", 2, 60);
            var kind = Kind(layout, row, Text("kind"));
            var low = Flag(grid, layout, "low", row);
            var improving = Flag(grid, layout, "improving", row);
            var leader = Flag(grid, layout, "leader", row);
            var code = Text("code");
            if (code.Length > 0 && !PeopleCodes.IsValid(code))
            {
                Errors.Add(new(layout.Cell("code", row), $"Код «{code}» не подходит: латинские строчные буквы, цифры и дефис, от 2 до 40 символов. Можно оставить ячейку пустой — код составится сам."));
            }

            Unique(names, Key(name), layout.Cell("name", row), row, $"Школа «{name}» уже есть в строке {{0}}.");
            Unique(shortNames, Key(shortName), layout.Cell("short", row), row, $"Краткое название «{shortName}» уже есть в строке {{0}}: по нему школу находят на листе «Люди».");
            if (code.Length > 0)
            {
                Unique(codes, code, layout.Cell("code", row), row, $"Код «{code}» уже есть в строке {{0}}.");
            }

            if (Errors.Count != errors)
            {
                BadSchoolKeys.UnionWith(new[] { Key(name), Key(shortName), Key(code) }.Where(k => k.Length > 0));
            }
            else
            {
                Schools.Add(new SchoolRow(row, name, shortName, kind, low, improving, leader, code.Length > 0 ? code : null));
            }
        }
    }

    private void ReadPeople(ImportGrid grid, SheetLayout layout)
    {
        var emails = new Dictionary<string, int>();
        foreach (var row in grid.DataRows(layout.Columns.Values))
        {
            var errors = Errors.Count;
            var name = Required(layout, "name", row, grid.Text(row, layout.Columns["name"]), "ФИО", 2, 200);
            var roleText = grid.Text(row, layout.Columns["role"]);
            var role = ParseRole(roleText);
            if (role is null)
            {
                Errors.Add(new(layout.Cell("role", row), roleText.Length == 0
                    ? "Не указана роль."
                    : $"Неизвестная роль «{roleText}». Выберите из списка: {string.Join(", ", PeopleWorkbook.RoleLabels.Select(r => r.Label))}."));
            }

            var email = grid.Text(row, layout.Columns["email"]);
            if (email.Length == 0)
            {
                Errors.Add(new(layout.Cell("email", row), "Не указан e-mail: по нему человек войдёт в систему."));
            }
            else if (email.Length > 254 || !EmailPattern().IsMatch(email))
            {
                Errors.Add(new(layout.Cell("email", row), $"E-mail «{email}» записан неверно (пример: ivanova@school.example)."));
            }
            else
            {
                Unique(emails, email.ToLowerInvariant(), layout.Cell("email", row), row, $"E-mail «{email}» уже указан в строке {{0}}: у каждого человека свой адрес.");
            }

            var schools = grid.Text(row, layout.Columns["schools"])
                .Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (Errors.Count == errors)
            {
                People.Add(new PersonRow(row, name, role!.Value, email, schools));
            }
        }
    }

    private string Required(SheetLayout layout, string field, int row, string text, string what, int min, int max)
    {
        if (text.Length == 0)
        {
            Errors.Add(new(layout.Cell(field, row), $"Не заполнено: {what}."));
        }
        else if (text.Length < min || text.Length > max)
        {
            Errors.Add(new(layout.Cell(field, row), $"{Capitalise(what)}: от {min} до {max} символов."));
        }

        return text;
    }

    private SchoolKind Kind(SheetLayout layout, int row, string text)
    {
        switch (Key(text))
        {
            case "оош" or "основная":
                return SchoolKind.Basic;
            case "сош" or "средняя":
                return SchoolKind.Secondary;
            case "":
                Errors.Add(new(layout.Cell("kind", row), "Не указан тип школы: ООШ (1–9 классы) или СОШ (1–11 классы)."));
                return SchoolKind.Secondary;
            default:
                Errors.Add(new(layout.Cell("kind", row), $"Тип школы «{text}» не распознан: укажите ООШ или СОШ."));
                return SchoolKind.Secondary;
        }
    }

    private bool Flag(ImportGrid grid, SheetLayout layout, string field, int row)
    {
        var cell = grid.Cell(row, layout.Columns[field]);
        if (cell.Boolean is { } b)
        {
            return b;
        }

        switch (Key(cell.Text))
        {
            case "" or "нет" or "0" or "-" or "false" or "ложь":
                return false;
            case "да" or "1" or "+" or "true" or "истина":
                return true;
            default:
                Errors.Add(new(layout.Cell(field, row), $"Ожидается «да» или «нет», а записано «{cell.Text}»."));
                return false;
        }
    }

    private void Unique(Dictionary<string, int> seen, string key, string cell, int row, string reasonFormat)
    {
        if (key.Length == 0)
        {
            return;
        }

        if (seen.TryGetValue(key, out var first))
        {
            Errors.Add(new(cell, string.Format(CultureInfo.InvariantCulture, reasonFormat, first)));
        }
        else
        {
            seen[key] = row;
        }
    }

    private static Role? ParseRole(string text)
    {
        var key = Key(text);
        foreach (var (role, label) in PeopleWorkbook.RoleLabels)
        {
            if (Key(label) == key)
            {
                return role;
            }
        }

        return RoleWords.TryGetValue(key, out var r) ? r : null;
    }

    /// <summary>Comparison form of a name: lower case, «ё» as «е», single spaces.</summary>
    internal static string Key(string text) => Spaces().Replace(text.Trim().ToLowerInvariant().Replace('ё', 'е'), " ");

    /// <summary>A header caption without its hint in brackets or a required-mark: "Тип (ООШ/СОШ)" → "тип".</summary>
    private static string Caption(string text)
    {
        var bracket = text.IndexOf('(', StringComparison.Ordinal);
        return Key((bracket >= 0 ? text[..bracket] : text).Replace("*", "", StringComparison.Ordinal));
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.GetCultureInfo("ru-RU")) + s[1..];

    [GeneratedRegex(@"^[^@\s;,<>""]+@[^@\s;,<>""]+\.[^@\s;,<>""]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
