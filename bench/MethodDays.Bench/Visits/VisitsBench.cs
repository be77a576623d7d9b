using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.Progress;
using MethodDays.Features.Visits;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace MethodDays.Bench.Visits;

public sealed record VisitsResult(
    int Observers, int ProtocolsEach, int PhotosEach, int PhotoKiB, int Rounds, int Warmups, Stats AppSync, Stats RawSync,
    double AppColdMs, double RawColdMs, int YearSchools, int YearLessons, int YearIterations, Stats AppYear, Stats RawYear, int RawRows, long YearBytes);

/// <summary>
/// School visits (issue 11 §6). (a) A visit day's sync: every observer sends their protocols, each with its photos,
/// through the app's endpoints (protocol PUT, photo PUT; observers side by side, each one request at a time), against
/// the raw writes of the same data on the same Azurite (a protocol row, each photo's blob and its row). (b) The school
/// year's figures of a municipality through the app against a raw read of the same protocol rows (one PartitionKey
/// range query) and the visits' range, measured before (a) so that the range holds the year's rows only. Sides alternate.
/// </summary>
public sealed class VisitsBench(HttpClient app, TableServiceClient tables, BlobServiceClient blobs, string prefix, World world, byte[] signingKey,
    int observers, int protocolsEach, int photosEach, int photoKiB, int warmups, int rounds, int lessonsPerSchool, int yearIterations, Action<string> log)
{
    private const string Year = "2025-2026";
    private const string Template = "2026.1";
    private static readonly string[] Items = ["goal.1", "goal.2", "goal.3", "formative.1", "formative.2", "formative.3", "formative.4", "activity.1", "activity.2", "activity.3"];

    public async Task<VisitsResult> RunAsync()
    {
        var names = new StorageNames(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Prefix = prefix }));
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var directory = new DirectoryStore(tables, names, cache);
        var issuer = new DevTokenIssuer(new SymmetricSecurityKey(signingKey) { KeyId = "methoddays-dev" }, new AuthOptions().DevIssuer, new AuthOptions().DevAudience);
        var team = Enumerable.Range(1, observers).Select(i => new Member(World.MunicipalityId, $"obs{i:D2}", $"Наблюдатель {i:D2}", $"obs{i:D2}@bench.example", Role.Methodist, [], true)).ToList();
        foreach (var m in team)
        {
            await directory.SaveMemberAsync(m, $"dev-{m.MunicipalityId}-{m.PersonId}", CancellationToken.None);
        }

        var tokens = team.Select(m => issuer.Issue($"dev-{m.MunicipalityId}-{m.PersonId}", m.DisplayName, m.Email, TimeSpan.FromHours(2))).ToList();
        var visits = tables.Table(names, VisitStore.VisitsTable);
        var raw = tables.GetTableClient(prefix + "rawobservations");
        await raw.CreateIfNotExistsAsync();
        var rawBlobs = blobs.GetBlobContainerClient(prefix + "-rawphotos");
        await rawBlobs.CreateIfNotExistsAsync();
        var photo = Photo(photoKiB * 1024);
        var school = world.Schools[0].Id;
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // (b) The year, measured first so that the raw read's range holds only the year's protocols (the sync's come
        // after). Set up, not timed: a visit to every school with lessonsPerSchool lessons, one protocol each, ШНОР
        // periods, help items.
        var observations = tables.Table(names, ProtocolStore.Table);
        var yearVisits = new List<TableTransactionAction>();
        var protocolCount = 0;
        for (var k = 0; k < world.Schools.Count; k++)
        {
            var s = world.Schools[k].Id;
            var visitId = $"benchyear{k:D3}";
            var date = new DateOnly(2025, 9, 8).AddDays(k * 2 % 260);
            var lessons = Enumerable.Range(1, lessonsPerSchool).Select(i => new Lesson($"t{i:D3}", $"Педагог {i}", "Математика", "7А", i, "09:00", "09:40", null, ["obs01"], $"l{i:D2}")).ToList();
            yearVisits.Add(new(TableTransactionActionType.UpsertReplace, new VisitEntity
            {
                PartitionKey = World.MunicipalityId, RowKey = VisitStore.VisitKey(visitId), SchoolId = s, Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Purpose = "bench",
                Team = "[]", Lessons = StoredJson.Write(lessons), TeamIds = ",obs01,",
            }));
            var rows = lessons.Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new ProtocolEntity
            {
                PartitionKey = Keys.Partition(World.MunicipalityId, s, visitId), RowKey = Keys.Protocol(l.Id!, "obs01"), MunicipalityId = World.MunicipalityId, SchoolId = s,
                VisitId = visitId, LessonId = l.Id!, ObserverId = "obs01", ObserverName = "Наблюдатель 01", TemplateVersion = Template,
                Content = StoredJson.Write(Content(k, l.Number)), WrittenAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
            }));
            await observations.SubmitTransactionAsync(rows);
            protocolCount += lessonsPerSchool;
        }

        foreach (var chunk in yearVisits.Chunk(100))
        {
            await visits.SubmitTransactionAsync(chunk);
        }

        var results = tables.Table(names, VisitStore.ResultsTable);
        await results.SubmitTransactionAsync(world.Schools.Where((_, k) => k % 7 == 0).Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new ShnorEntity { PartitionKey = World.MunicipalityId, RowKey = VisitStore.ShnorKey(s.Id), SchoolId = s.Id, From = "2023-2024", To = s.Id.GetHashCode() % 2 == 0 ? Year : null })));
        var plans = tables.Table(names, HelpPlanStore.Table);
        foreach (var chunk in world.Schools.SelectMany(s => Enumerable.Range(1, 3).Select(i => new HelpItemEntity
        {
            PartitionKey = World.MunicipalityId, RowKey = HelpPlanStore.ItemKey(s.Id, $"bench-item-{i}"), SchoolId = s.Id, ItemId = $"bench-item-{i}", Action = "Пункт",
            Responsible = "Методист", DueDate = $"2026-0{i + 1}-15", Status = i == 1 ? "done" : "planned", Open = i != 1,
        })).Chunk(100))
        {
            await plans.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }

        long bytes = 0;
        var rawRows = 0;
        var (appYear, rawYear) = await Interleaved.MeasureAsync(2, yearIterations,
            async () =>
            {
                using var request = Request(HttpMethod.Get, $"api/municipalities/{World.MunicipalityId}/visits/years/{Year}", world.CoordinatorToken);
                using var response = await app.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Year: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
                }

                bytes = body.LongLength;
            },
            async () =>
            {
                var count = 0;
                await foreach (var _ in visits.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {World.MunicipalityId} and RowKey ge {"v|"} and RowKey lt {"v}"}")))
                {
                    count++;
                }

                var filter = TableClient.CreateQueryFilter($"PartitionKey ge {World.MunicipalityId + "|"} and PartitionKey lt {World.MunicipalityId + "}"} and RowKey ge {"p|"} and RowKey lt {"p}"}");
                await foreach (var _ in observations.QueryAsync<TableEntity>(filter))
                {
                    count++;
                }

                rawRows = count;
            });

        log($"visits year: app p50 {Stats.Of(appYear).Median:F1} ms, raw read p50 {Stats.Of(rawYear).Median:F1} ms ({rawRows} rows)");

        // (a) The visit day's sync.
        var appSync = new List<double>();
        var rawSync = new List<double>();
        // The first round(s) warm both sides up (the app's code paths compiled, the connections open, Azurite's tables
        // touched); they are reported apart and not counted in the medians.
        for (var r = 0; r < warmups + rounds; r++)
        {
            // A visit day (not timed): protocolsEach lessons, each observed by every observer, written as the app's row.
            var visitId = $"benchday{r:D2}";
            var lessons = Enumerable.Range(1, protocolsEach).Select(i => new Lesson($"t{i:D3}", $"Педагог {i}", "Математика", "7А", i, "09:00", "09:40", null, [.. team.Select(m => m.PersonId)], $"l{i:D2}")).ToList();
            var teamRows = team.Select(m => new TeamMember(m.PersonId, m.DisplayName, nameof(Role.Methodist), "observer", "наблюдатель на уроках", null)).ToList();
            await visits.UpsertEntityAsync(new VisitEntity
            {
                PartitionKey = World.MunicipalityId, RowKey = VisitStore.VisitKey(visitId), SchoolId = school, Date = yesterday, Purpose = "bench",
                Team = StoredJson.Write(teamRows), Lessons = StoredJson.Write(lessons), TeamIds = "," + string.Concat(team.Select(m => m.PersonId + ",")),
            });

            async Task AppAsync()
            {
                var started = Stopwatch.GetTimestamp();
                await Task.WhenAll(team.Select(async (m, k) =>
                {
                    foreach (var lesson in lessons)
                    {
                        var path = $"api/municipalities/{World.MunicipalityId}/schools/{school}/visits/{visitId}/lessons/{lesson.Id}/observations/{m.PersonId}";
                        using var save = Request(HttpMethod.Put, path, tokens[k]);
                        save.Content = JsonContent.Create(Input(k, lesson.Number));
                        using var saved = await app.SendAsync(save);
                        if (saved.StatusCode != HttpStatusCode.OK && saved.StatusCode != HttpStatusCode.Created)
                        {
                            throw new InvalidOperationException($"Protocol save: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
                        }

                        for (var p = 0; p < photosEach; p++)
                        {
                            using var upload = Request(HttpMethod.Put, $"{path}/photos/ph{p}", tokens[k]);
                            upload.Content = new ByteArrayContent(photo);
                            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                            using var uploaded = await app.SendAsync(upload);
                            if (uploaded.StatusCode != HttpStatusCode.OK)
                            {
                                throw new InvalidOperationException($"Photo upload: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
                            }
                        }
                    }
                }));
                appSync.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            async Task RawAsync()
            {
                var started = Stopwatch.GetTimestamp();
                await Task.WhenAll(team.Select(async (m, k) =>
                {
                    foreach (var lesson in lessons)
                    {
                        var partition = $"{World.MunicipalityId}|{school}|raw{visitId}";
                        await raw.AddEntityAsync(new TableEntity(partition, $"p|{lesson.Id}|{m.PersonId}")
                        {
                            ["SchoolId"] = school, ["VisitId"] = visitId, ["LessonId"] = lesson.Id, ["ObserverId"] = m.PersonId, ["TemplateVersion"] = Template,
                            ["Content"] = StoredJson.Write(Content(k, lesson.Number)), ["WrittenAt"] = DateTimeOffset.UtcNow, ["ReceivedAt"] = DateTimeOffset.UtcNow,
                        });
                        for (var p = 0; p < photosEach; p++)
                        {
                            var blob = $"{World.MunicipalityId}/{school}/raw{visitId}/{lesson.Id}/{m.PersonId}/ph{p}";
                            await rawBlobs.GetBlobClient(blob).UploadAsync(new BinaryData(photo), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } });
                            await raw.AddEntityAsync(new TableEntity(partition, $"f|{lesson.Id}|{m.PersonId}|ph{p}")
                            {
                                ["PhotoId"] = $"ph{p}", ["BlobName"] = blob, ["ContentType"] = "image/jpeg", ["Bytes"] = (long)photo.Length,
                                ["TakenAt"] = DateTimeOffset.UtcNow, ["ReceivedAt"] = DateTimeOffset.UtcNow,
                            });
                        }
                    }
                }));
                rawSync.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            if (r % 2 == 0)
            {
                await AppAsync();
                await RawAsync();
            }
            else
            {
                await RawAsync();
                await AppAsync();
            }

            log($"visits sync {(r < warmups ? "warm-up round" : "round")} {r + 1}: app {appSync[^1]:F0} ms, raw {rawSync[^1]:F0} ms for {observers * protocolsEach} protocols and {observers * protocolsEach * photosEach} photos");
        }

        return new VisitsResult(observers, protocolsEach, photosEach, photoKiB, rounds, warmups, Stats.Of(appSync.Skip(warmups).ToList()), Stats.Of(rawSync.Skip(warmups).ToList()),
            warmups > 0 ? appSync[0] : double.NaN, warmups > 0 ? rawSync[0] : double.NaN, world.Schools.Count, protocolCount, yearIterations, Stats.Of(appYear), Stats.Of(rawYear), rawRows, bytes);
    }

    public static string Markdown(VisitsResult r)
    {
        var text = new StringBuilder();
        var protocols = r.Observers * r.ProtocolsEach;
        var photos = protocols * r.PhotosEach;
        text.AppendLine("### School visits: a visit day's sync and the school year's figures");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sync: {r.Observers} observers side by side, each sending {r.ProtocolsEach} protocols with {r.PhotosEach} photos of {r.PhotoKiB} KiB ({protocols} protocols, {photos} photos, {photos * r.PhotoKiB / 1024.0:F0} MiB), {r.Rounds} round(s){(r.Warmups > 0 ? string.Create(CultureInfo.InvariantCulture, $" after {r.Warmups} warm-up round(s), not counted (the first, cold: app {r.AppColdMs:F0} ms, raw {r.RawColdMs:F0} ms)") : "")}. Year: {r.YearSchools} schools, {r.YearLessons} lessons with a protocol each, {r.YearIterations} iterations after 2 warm-ups. Sides alternate.");
        text.AppendLine();
        text.AppendLine("| Operation | Median | p90 | vs baseline | Target |");
        text.AppendLine("|---|---|---|---|---|");
        var syncRatio = r.AppSync.Median / r.RawSync.Median;
        var yearRatio = r.AppYear.Median / r.RawYear.Median;
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw writes: a protocol row, each photo's blob and row ({protocols} + {photos} + {photos} calls) | {r.RawSync.Median:F0} ms | {r.RawSync.P90:F0} ms | 1 | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app: protocol PUT and photo PUT through the endpoints ({protocols + photos} requests) | {r.AppSync.Median:F0} ms | {r.AppSync.P90:F0} ms | {syncRatio:F2}× | within 2× {(syncRatio <= 2 ? "— met" : "— missed")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw read: the visits' range and the {r.YearLessons} protocol rows (PartitionKey range), {r.RawRows} rows | {r.RawYear.Median:F1} ms | {r.RawYear.P90:F1} ms | 1 | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app: the year's figures ({r.YearBytes} bytes of JSON) | {r.AppYear.Median:F1} ms | {r.AppYear.P90:F1} ms | {yearRatio:F2}× | within 3× {(yearRatio <= 3 ? "— met" : "— missed")} |");
        return text.ToString();
    }

    private static ProtocolContent Content(int observer, int lesson) => new(
        Items.Select((id, j) => (id, v: ((observer + lesson + j) % (id is "formative.2" or "activity.1" ? 4 : 3)) + (id is "formative.2" or "activity.1" ? 1 : 0)))
            .ToDictionary(x => x.id, x => x.v.ToString(CultureInfo.InvariantCulture)),
        [], "Цель урока сформулирована вместе с учащимися.", "Критерии оценивания не известны учащимся.", "Ввести листы самооценки по критериям.");

    private static object Input(int observer, int lesson)
    {
        var c = Content(observer, lesson);
        return new { templateVersion = Template, marks = c.Marks, strengths = c.Strengths, problems = c.Problems, recommendations = c.Recommendations };
    }

    /// <summary>A JPEG of the given size: the signature, then filler (the app checks the signature, not the picture).</summary>
    private static byte[] Photo(int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token) => Interleaved.Request(method, path, token);
}
