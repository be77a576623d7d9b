using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Calendar;

namespace MethodDays.Bench.Load;

/// <summary>
/// One kind of submission. Item <c>i</c> is school <c>i mod N</c> in month <c>first + i div N</c>: every item is a
/// fresh school-month (no If-Match, as a school's first submission of the month), months filled school by school.
/// </summary>
public sealed class Operation(string name, string description, Func<long, Task<bool>> run)
{
    private long _next = -1;

    public string Name { get; } = name;

    public string Description { get; } = description;

    public long Take() => Interlocked.Increment(ref _next);

    public Task<bool> RunAsync(long item) => run(item);
}

public static class Operations
{
    /// <summary>The app: <c>POST …/self-assessment/{month}/submit</c> as the school's admin, the answer body read to the end.</summary>
    public static Operation AppSubmit(World world, HttpClient client, YearMonth first, Action<string> firstError)
    {
        var reported = 0;
        return new Operation("app submit", "POST /api/municipalities/{mun}/schools/{school}/self-assessment/{month}/submit, 70 answers, school admin's token, response body read", async item =>
        {
            var (school, month, variant) = Locate(world, first, item);
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"api/municipalities/{World.MunicipalityId}/schools/{world.Schools[school].Id}/self-assessment/{month}/submit")
            {
                Content = new ByteArrayContent(world.Answers[school, variant].Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.AdminTokens[school]);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            if (Interlocked.Exchange(ref reported, 1) == 0)
            {
                firstError($"app submit: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}");
            }

            return false;
        });
    }

    /// <summary>The raw write: one <c>AddEntity</c> of the sheet row the app writes on a first submission (same properties, same sizes).</summary>
    public static Operation RawEntity(World world, TableClient table, YearMonth first) =>
        new("raw entity insert", "Azure.Data.Tables AddEntityAsync of one entity with the sheet row's 20 properties and values", async item =>
        {
            var (school, month, variant) = Locate(world, first, item);
            await table.AddEntityAsync(SheetRow(world, "rawentity|" + month, school, variant));
            return true;
        });

    /// <summary>The raw form of the app's write: the sheet row and its revision row in one entity-group transaction.</summary>
    public static Operation RawTransaction(World world, TableClient table, YearMonth first) =>
        new("raw transaction", "Azure.Data.Tables SubmitTransactionAsync: Add sheet row + Add revision row, one partition", async item =>
        {
            var (school, month, variant) = Locate(world, first, item);
            var partition = "rawtx|" + month;
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, SheetRow(world, partition, school, variant)),
                new TableTransactionAction(TableTransactionActionType.Add, RevisionRow(world, partition, school, variant)),
            ]);
            return true;
        });

    public static YearMonth Plus(YearMonth m, long months)
    {
        var index = (m.Year * 12) + (m.Month - 1) + months;
        return new YearMonth((int)(index / 12), (int)(index % 12) + 1);
    }

    private static (int School, string Month, int Variant) Locate(World world, YearMonth first, long item)
    {
        var offset = item / world.SchoolCount;
        return ((int)(item % world.SchoolCount), Plus(first, offset).ToString(), (int)(offset % World.AnswerVariants));
    }

    private static TableEntity SheetRow(World world, string partition, int school, int variant)
    {
        var a = world.Answers[school, variant];
        var admin = world.Admins[school];
        var now = DateTimeOffset.UtcNow;
        return new TableEntity(partition, "sheet|" + world.Schools[school].Id)
        {
            ["TemplateVersion"] = world.Template.Version,
            ["Values"] = a.ValuesJson,
            ["UpdatedById"] = admin.PersonId,
            ["UpdatedByName"] = admin.DisplayName,
            ["UpdatedAt"] = now,
            ["Revision"] = 1,
            ["DraftDiffers"] = false,
            ["SubmittedTemplateVersion"] = world.Template.Version,
            ["SubmittedValues"] = a.ValuesJson,
            ["SubmittedById"] = admin.PersonId,
            ["SubmittedByName"] = admin.DisplayName,
            ["SubmittedAt"] = now,
            ["SubmittedFromEtag"] = "",
            ["Total"] = a.Score.Total,
            ["ApplicableMax"] = a.Score.ApplicableMax,
            ["Percent"] = a.Score.Percent,
            ["Cluster"] = a.Score.Cluster?.ToString(),
            ["Areas"] = a.AreasJson,
        };
    }

    private static TableEntity RevisionRow(World world, string partition, int school, int variant)
    {
        var a = world.Answers[school, variant];
        var admin = world.Admins[school];
        return new TableEntity(partition, $"rev|{world.Schools[school].Id}|{1.ToString("D4", CultureInfo.InvariantCulture)}")
        {
            ["Revision"] = 1,
            ["TemplateVersion"] = world.Template.Version,
            ["Values"] = a.ValuesJson,
            ["SubmittedById"] = admin.PersonId,
            ["SubmittedByName"] = admin.DisplayName,
            ["SubmittedAt"] = DateTimeOffset.UtcNow,
            ["Total"] = a.Score.Total,
            ["ApplicableMax"] = a.Score.ApplicableMax,
            ["Percent"] = a.Score.Percent,
            ["Cluster"] = a.Score.Cluster?.ToString(),
            ["Areas"] = a.AreasJson,
        };
    }
}
