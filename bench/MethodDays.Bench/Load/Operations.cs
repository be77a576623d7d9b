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

    /// <summary>How many items were handed out so far.</summary>
    public long Taken => Interlocked.Read(ref _next) + 1;

    public Task<bool> RunAsync(long item) => run(item);
}

public static class Operations
{
    /// <summary>The app: <c>POST …/self-assessment/{month}/submit</c> as the school's admin, the answer body read to the end.</summary>
    public static Operation AppSubmit(World world, HttpClient client, YearMonth first, Action<string> firstError, int? cycle = null)
    {
        var reported = 0;
        return new Operation("app submit", "POST /api/municipalities/{mun}/schools/{school}/self-assessment/{month}/submit, 70 answers, school admin's token, response body read", async item =>
        {
            var (school, month, variant) = Locate(world, first, item, cycle);
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
                var text = response.Content.Headers.ContentEncoding.Contains("br")
                    ? new StreamReader(new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)).ReadToEnd()
                    : System.Text.Encoding.UTF8.GetString(body);
                firstError($"app submit: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
            }

            return false;
        });
    }

    /// <summary>The raw write: one <c>AddEntity</c> of the sheet row the app writes on a first submission (same properties, same sizes).</summary>
    public static Operation RawEntity(World world, TableClient table, YearMonth first, int? cycle = null) =>
        new("raw entity insert", "Azure.Data.Tables AddEntityAsync of one entity with the sheet row's 20 properties and values", async item =>
        {
            var (school, month, variant) = Locate(world, first, item, cycle);
            await table.AddEntityAsync(SheetRow(world, "rawentity|" + month, school, variant));
            return true;
        });

    /// <summary>The raw form of the app's write: the sheet row and its revision row in one entity-group transaction.</summary>
    public static Operation RawTransaction(World world, TableClient table, YearMonth first, int? cycle = null) =>
        new("raw transaction", "Azure.Data.Tables SubmitTransactionAsync: Add sheet row + Add revision row, one partition", async item =>
        {
            var (school, month, variant) = Locate(world, first, item, cycle);
            var partition = "rawtx|" + month;
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, SheetRow(world, partition, school, variant)),
                new TableTransactionAction(TableTransactionActionType.Add, RevisionRow(world, partition, school, variant)),
            ]);
            return true;
        });

    /// <summary>
    /// The app's storage calls for one first submission, replayed with the SDK and nothing else: the two-row
    /// transaction (its Add fails if the sheet exists, so nothing is read first) with the point read of last month's
    /// sheet alongside; the answer is built from the rows just written. Same table as the app, so Azurite scans alike.
    /// </summary>
    public static Operation RawReplay(World world, TableClient appTable, YearMonth first, int? cycle = null) =>
        new("raw replay of the app's calls", "Azure.Data.Tables: SubmitTransaction (sheet + revision) with GetEntityIfExists of last month's sheet alongside; in the app's table", async item =>
        {
            var (school, month, variant) = Locate(world, first, item, cycle);
            var id = world.Schools[school].Id;
            var partition = "replay|" + month;
            var previous = "replay|" + Plus(first, (item / (cycle ?? world.SchoolCount)) - 1);
            var last = appTable.GetEntityIfExistsAsync<TableEntity>(previous, "sheet|" + id);
            await appTable.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, SheetRow(world, partition, school, variant)),
                new TableTransactionAction(TableTransactionActionType.Add, RevisionRow(world, partition, school, variant)),
            ]);
            await last;
            return true;
        });

    public static YearMonth Plus(YearMonth m, long months)
    {
        var index = (m.Year * 12) + (m.Month - 1) + months;
        return new YearMonth((int)(index / 12), (int)(index % 12) + 1);
    }

    /// <summary>Item → school, month, answer set. <paramref name="cycle"/> limits the schools taken in turn (all by default).</summary>
    private static (int School, string Month, int Variant) Locate(World world, YearMonth first, long item, int? cycle)
    {
        var schools = cycle ?? world.SchoolCount;
        var offset = item / schools;
        return ((int)(item % schools), Plus(first, offset).ToString(), (int)(offset % World.AnswerVariants));
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
