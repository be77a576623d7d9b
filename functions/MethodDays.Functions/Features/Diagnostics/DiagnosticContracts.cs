namespace MethodDays.Features.Diagnostics;

/// <summary>A new round: <c>kind</c> <c>entry</c> or <c>repeat</c> (a repeat names its <c>entryRoundId</c>), <c>date</c> yyyy-MM-dd.</summary>
public sealed record RoundInput(string? Kind, string? Date, string? Title, string? Instrument, string? EntryRoundId);

/// <summary>A round's cut-offs by competence code.</summary>
public sealed record CutOffsInput(IReadOnlyDictionary<string, CutOff?>? CutOffs);

/// <summary>A teacher's levels in a round, per cent by competence code (an absent or null competence: not measured).</summary>
public sealed record ResultInput(IReadOnlyDictionary<string, int?>? Levels);

public sealed record CompetenceView(string Code, string Label, CutOff CutOff);

public sealed record RoundView(
    string Id,
    string Kind,
    string KindLabel,
    string Date,
    string Title,
    string Instrument,
    string? EntryRoundId,
    IReadOnlyList<CompetenceView> Competences,
    int Teachers,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    string ETag);

public sealed record RoundListView(string MunicipalityId, string SchoolId, string SchoolName, IReadOnlyList<RoundView> Rounds, DiagnosticPermissions Permissions);

/// <summary>What the signed-in person may do: the page shows or hides its parts by it.</summary>
public sealed record DiagnosticPermissions(bool CanKeep, bool SeesTeachers);

/// <summary>A teacher's levels in one round, with the level words the round's cut-offs give.</summary>
public sealed record ResultView(
    string TeacherId,
    string TeacherName,
    IReadOnlyDictionary<string, int?> Levels,
    IReadOnlyDictionary<string, string?> LevelWords,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    string ETag);

/// <summary>
/// Seed 004's table: teachers as rows, for each competence the entry and the repeat per cent, and the «Ср. показатель»
/// row; with the number of teachers per level at entry and at repeat, and per change («низкий → средний»).
/// Rows carry names only for those who may read individual results; others get the means and counts alone.
/// </summary>
public sealed record DiagnosticTable(
    string SchoolName,
    RoundView Entry,
    RoundView? Repeat,
    IReadOnlyList<TableRow> Rows,
    IReadOnlyList<TableCell> Means,
    IReadOnlyList<LevelCount> Levels,
    IReadOnlyList<LevelChange> Changes,
    int HighInAnyAfterRepeat);

public sealed record TableRow(int Number, string? TeacherId, string? TeacherName, IReadOnlyList<TableCell> Cells);

public sealed record TableCell(string Competence, int? Entry, int? Repeat);

public sealed record LevelCount(string Competence, string Level, string LevelLabel, int AtEntry, int AtRepeat);

public sealed record LevelChange(string Competence, string From, string To, string Words, int Teachers);

/// <summary>A bad cell of an imported file: its row, the cell as Excel names it («C7»), the field and the reason.</summary>
public sealed record ImportRowProblem(int Row, string Cell, string Field, string Message);

public sealed record DiagnosticImportResult(bool DryRun, int Teachers, int Added, int Changed, int Unchanged);

/// <summary>The municipality's schools side by side: each school's latest entry and repeat means per competence.</summary>
public sealed record HeatMap(
    IReadOnlyList<CompetenceView> Competences,
    IReadOnlyList<HeatMapSchool> Schools,
    IReadOnlyList<HeatMapSubject> Subjects);

public sealed record HeatMapSchool(string SchoolId, string SchoolName, bool Shnor, string? EntryDate, string? RepeatDate, int Teachers, IReadOnlyList<TableCell> Means);

/// <summary>Deficits by subject: the mean entry level of the teachers of a subject, per competence, over the municipality.</summary>
public sealed record HeatMapSubject(string Subject, int Teachers, IReadOnlyList<TableCell> Means);
