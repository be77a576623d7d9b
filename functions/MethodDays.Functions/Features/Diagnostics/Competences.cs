namespace MethodDays.Features.Diagnostics;

/// <summary>One of the five professional competences of seed 004's diagnostics table, in the table's order.</summary>
/// <summary><c>Genitive</c> as in «уровень предметной компетенции».</summary>
public sealed record Competence(string Code, string Label, string Header, string Genitive);

/// <summary>
/// Where a competence's level changes, in per cent: below <c>Medium</c> is low, from <c>Medium</c> below <c>High</c> is
/// medium, from <c>High</c> up is high.
/// </summary>
public sealed record CutOff(int Medium, int High);

/// <summary>
/// The five competences and MethodDays' default reading of their levels. Seed 004 counts teachers per level («низкий
/// уровень предметной компетенции (1 педагог), методической (4), цифровой (1)»; after the routes «высокого уровня … 5
/// человек») but gives no cut-off, and its table fits no single one for all five: 54 % is not low in the subject
/// competence while 60 % is low in the methodical one. The defaults below reproduce the seed's counts on its own table
/// (1 / 4 / 1 low at entry, none low in the other two; five of six teachers high in at least one competence after
/// the repeat diagnostic). A round's settings hold its own cut-offs; the municipality or school changes them there.
/// </summary>
public static class Competences
{
    public static readonly IReadOnlyList<Competence> All =
    [
        new("subject", "предметная", "предметная", "предметной"),
        new("methodical", "методическая", "методическая", "методической"),
        new("digital", "цифровая", "цифровая", "цифровой"),
        new("communicative", "коммуникативная", "коммуникативная", "коммуникативной"),
        new("psychological", "психолого-педагогическая", "психолого-педагогическая", "психолого-педагогической"),
    ];

    public static readonly IReadOnlyDictionary<string, CutOff> DefaultCutOffs = new Dictionary<string, CutOff>(StringComparer.Ordinal)
    {
        ["subject"] = new(52, 85),
        ["methodical"] = new(61, 85),
        ["digital"] = new(60, 85),
        ["communicative"] = new(60, 85),
        ["psychological"] = new(60, 85),
    };

    public static Competence? ByCode(string? code) => All.FirstOrDefault(c => c.Code == code);

    public static string Level(int percent, CutOff cut) => percent >= cut.High ? "high" : percent >= cut.Medium ? "medium" : "low";

    public static string LevelLabel(string level) => level switch
    {
        "high" => "высокий",
        "medium" => "средний",
        _ => "низкий",
    };

    /// <summary>The mean of whole per cents rounded as seed 004's «Ср. показатель» row is: to the nearest whole, halves up.</summary>
    public static int? Mean(IEnumerable<int?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : (int)Math.Round((decimal)present.Sum() / present.Count, MidpointRounding.AwayFromZero);
    }
}
