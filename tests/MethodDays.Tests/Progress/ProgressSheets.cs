using Azure.Data.Tables;
using MethodDays.Features.Progress;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Progress;

/// <summary>Building blocks for progress-sheet and help-plan tests.</summary>
internal static class ProgressSheets
{
    public static string Url(string school, string month, string municipality = TestWorld.North) =>
        $"/api/municipalities/{municipality}/schools/{school}/progress/{month}";

    public static string PlanUrl(string school, string municipality = TestWorld.North) =>
        $"/api/municipalities/{municipality}/schools/{school}/help-plan";

    public static string SummaryUrl(string month, string municipality = TestWorld.North) =>
        $"/api/municipalities/{municipality}/progress/{month}/summary";

    public static string OverdueUrl(string municipality = TestWorld.North) => $"/api/municipalities/{municipality}/help-plan/overdue";

    /// <summary>A typed-in teacher (not an app user).</summary>
    public static object Teacher(string name, string stage, string practice = "Лист самооценки ученика на уроке", string? help = null) =>
        new { name, practice, stage, help };

    /// <summary>A teacher who is a member of the school.</summary>
    public static object Member(string personId, string stage, string practice = "Критерии оценивания, выработанные с классом") =>
        new { personId, practice, stage };

    public static object Day(string date, int share = 80, string form = "workshop") => new { date, form, sharePercent = share };

    /// <summary>A complete sheet: one methodical day on the 5th, one decision, one request, the given teachers.</summary>
    public static object Complete(string month, params object[] teachers) => new
    {
        days = new[] { Day($"{month}-05") },
        decisions = new[] { "Ввести лист самооценки в 5–7 классах" },
        difficulties = "Не все педагоги успевают посмотреть видеосеминары до ЕМД.",
        requests = new[] { new { topic = "Формирующее оценивание", text = "Просим провести практикум по критериальному оцениванию." } },
        teachers = teachers.Length > 0 ? teachers : [Teacher("Иванова Анна Петровна", "trying")],
    };

    public static TableClient Table(AppFactory app, string table) =>
        app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(table));

    /// <summary>The rows of a school in a month's partition of the progress table (sheet, revisions, comments).</summary>
    public static async Task<List<TableEntity>> RowsAsync(AppFactory app, string school, string month, string municipality = TestWorld.North)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(app, ProgressStore.Table).QueryAsync<TableEntity>($"PartitionKey eq '{municipality}|{month}'"))
        {
            if (row.RowKey.Split('|').Contains(school))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>A school's rows in the help-plan table (items and their status changes).</summary>
    public static async Task<List<TableEntity>> PlanRowsAsync(AppFactory app, string school, string municipality = TestWorld.North)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(app, HelpPlanStore.Table).QueryAsync<TableEntity>($"PartitionKey eq '{municipality}'"))
        {
            if (row.RowKey.StartsWith(school + "|", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
