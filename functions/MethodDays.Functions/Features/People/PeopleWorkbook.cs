using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.People;

/// <summary>
/// The workbook a coordinator fills to set up a municipality: sheet «Школы» (one school a row), sheet «Люди» (one
/// person a row) and a sheet of instructions. The column captions here are the ones <see cref="PeopleImport"/> looks
/// for, so the two cannot drift apart; columns are found by caption, not by position.
/// </summary>
internal static class PeopleWorkbook
{
    public const string HelpSheet = "Инструкция";
    public const string SchoolsSheet = "Школы";
    public const string PeopleSheet = "Люди";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows with drop-down lists: far more than any municipality has schools or people.</summary>
    private const int ListRows = 2000;

    // Cell styles, indices into the stylesheet below.
    private const uint Header = 1, TextStyle = 2, Wrap = 3, TitleStyle = 4;

    public static readonly string[] SchoolColumns = ["Полное название", "Краткое название", "Тип (ООШ/СОШ)", "ШНОР", "ПРШ", "Школа-лидер", "Код (необязательно)"];

    public static readonly string[] PeopleColumns = ["ФИО", "Роль", "E-mail", "Школы (через «;»)"];

    /// <summary>Roles as the people page names them (web/js/format.js roleNames).</summary>
    public static readonly (Role Role, string Label)[] RoleLabels =
    [
        (Role.Coordinator, "Координатор"),
        (Role.Methodist, "Методист"),
        (Role.Curator, "Куратор"),
        (Role.SchoolAdmin, "Администрация школы"),
        (Role.Teacher, "Педагог"),
    ];

    public static byte[] Template()
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            AddSheet(workbook, sheets, 1, HelpSheet, HelpData(), [90], null);
            AddSheet(workbook, sheets, 2, SchoolsSheet, HeaderRow(SchoolColumns), [60, 24, 16, 10, 10, 14, 22], new DataValidations(
                List("C2:C" + ListRows, "ООШ,СОШ", "Тип школы", "Выберите ООШ (1–9 классы) или СОШ (1–11 классы)."),
                List($"D2:F{ListRows}", "да,нет", "Отметка", "Выберите «да» или «нет»; пустая ячейка — «нет».")));
            AddSheet(workbook, sheets, 3, PeopleSheet, HeaderRow(PeopleColumns), [40, 24, 32, 40], new DataValidations(
                List("B2:B" + ListRows, string.Join(',', RoleLabels.Select(r => r.Label)), "Роль", "Выберите роль из списка.")));

            // Open on «Школы»: the instructions are one tab to the left.
            workbook.Workbook.InsertAt(new BookViews(new WorkbookView { ActiveTab = 1 }), 0);
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, SheetData data, double[] widths, DataValidations? validations)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var worksheet = new Worksheet();
        if (name != HelpSheet)
        {
            // The header row stays in view while 200 rows scroll under it.
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            {
                WorkbookViewId = 0,
                TabSelected = id == 2,
            }));
        }

        worksheet.Append(new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)i + 1,
            Max = (uint)i + 1,
            Width = w,
            CustomWidth = true,
            // Codes and e-mails as text, so Excel does not turn "2" into a number or an address into a link.
            Style = name != HelpSheet && (i == widths.Length - 1 || (name == PeopleSheet && i == 2)) ? TextStyle : null,
        })));
        worksheet.Append(data);
        if (validations is not null)
        {
            validations.Count = (uint)validations.ChildElements.Count;
            worksheet.Append(validations);
        }

        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static SheetData HeaderRow(string[] captions) =>
        new(new Row(captions.Select((c, i) => Cell(c, Header, $"{(char)('A' + i)}1"))) { RowIndex = 1 });

    private static SheetData HelpData()
    {
        string[] lines =
        [
            "Как заполнить",
            "1. Лист «Школы»: одна школа в строке. Полное и краткое название обязательны; краткое название (например, «Первая ООШ») потом указывают на листе «Люди».",
            "2. Тип: ООШ (1–9 классы) или СОШ (1–11 классы). ШНОР, ПРШ, школа-лидер: «да» или «нет» (пустая ячейка — «нет»).",
            "3. Код школы можно не заполнять: его составит MethodDays из краткого названия латиницей (например, pervaia-oosh). Если код указан, школа с таким кодом будет обновлена.",
            "4. Лист «Люди»: один человек в строке. ФИО, роль и e-mail обязательны; по e-mail человек войдёт в систему, по нему же находится при повторной загрузке.",
            "5. Роли: " + string.Join(", ", RoleLabels.Select(r => r.Label)) + ".",
            "6. Школы: краткие названия или коды через «;». Администрации школы и педагогу — ровно одна школа; куратору — школы, которые он курирует; координатору и методисту школы не указываются.",
            "7. Не объединяйте ячейки и не переименовывайте листы. Первую строку листов (заголовки) не удаляйте.",
            "8. Если в файле есть ошибка, не сохраняется ничего: MethodDays покажет каждую ячейку с ошибкой. Исправьте их и загрузите файл снова.",
            "9. Файл можно загружать повторно: уже существующие школы (по коду или полному названию) и люди (по e-mail) обновляются, лишних копий не появится. Тех, кого нет в файле, загрузка не удаляет.",
        ];
        return new SheetData(lines.Select((text, i) => new Row(Cell(text, i == 0 ? TitleStyle : Wrap, $"A{i + 1}")) { RowIndex = (uint)i + 1 }));
    }

    private static Cell Cell(string text, uint style, string reference) =>
        new(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };

    private static DataValidation List(string range, string items, string title, string prompt) => new(new Formula1($"\"{items}\""))
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowInputMessage = true,
        ShowErrorMessage = true,
        PromptTitle = title,
        Prompt = prompt,
        ErrorTitle = title,
        Error = prompt,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
    };

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { FontId = 2, ApplyFont = true })
        { Count = 5 });
}
