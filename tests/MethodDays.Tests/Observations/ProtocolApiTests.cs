using System.Net;
using System.Net.Http.Headers;
using MethodDays.Features.Observations;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Observations.Observations;

namespace MethodDays.Tests.Observations;

/// <summary>An observer's protocol through the API and in storage: marks on the item's scale, late offline saves, release and revisions, photos.</summary>
public sealed class ProtocolApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void TheShippedDefaultTemplateLoadsValidAndCoversTheSixAreas()
    {
        var shipped = new ShippedProtocolTemplates(ShippedProtocolTemplates.DefaultFolder);
        Assert.False(shipped.Current.Check().Any);
        Assert.True(shipped.Current.IsDefault);
        Assert.Equal(
            ["Целеполагание", "Формирующее оценивание", "Активность учащихся", "Дифференциация", "Обратная связь", "Использование времени урока"],
            shipped.Current.Sections.Select(s => s.Title));
        Assert.Contains(shipped.Current.Scales, s => s.Values.Select(v => v.Value).SequenceEqual(["2", "1", "0"]));
        Assert.Contains(shipped.Current.Scales, s => s.Values.Count == 4);
        Assert.Contains(shipped.Current.Scales, s => s.Values.Count == 0);
    }

    [Fact]
    public void ATemplateFileWithAnItemOnAMissingScaleStopsTheStart()
    {
        var folder = Directory.CreateTempSubdirectory("observation-template-");
        try
        {
            var json = File.ReadAllText(Path.Combine(ShippedProtocolTemplates.DefaultFolder, "2026.1.json")).Replace("\"scale\": \"four-levels\"", "\"scale\": \"five-levels\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder.FullName, "2026.1.json"), json);
            var error = Assert.Throws<InvalidOperationException>(() => new ShippedProtocolTemplates(folder.FullName));
            Assert.Contains("scale", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnObserverOpensAnEmptyProtocolAndSavesMarksAndNotes()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        var empty = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.False((bool)empty["exists"]!);
        // An empty protocol opens on the municipality's current version (another test of this class may publish one).
        var current = (string?)(await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/observation-templates")).ReadJsonAsync())["current"];
        Assert.Equal(current, (string?)empty["templateVersion"]);
        Assert.Equal("Педагог Первой", (string?)empty["lesson"]!["teacherName"]);

        var notes = new[] { new { id = "n1", at = DuringLesson.AddMinutes(5), text = "Цель записана на доске, учащиеся её не обсуждали." } };
        var saved = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1", ["formative.2"] = "3" }, notes: notes, strengths: "Чёткая структура урока"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull(saved.Headers.ETag);
        var view = await saved.ReadJsonAsync();
        Assert.Equal("1", (string?)view["content"]!["marks"]!["goal.1"]);
        Assert.Equal("Цель записана на доске, учащиеся её не обсуждали.", (string?)view["content"]!["notes"]![0]!["text"]);
        Assert.Equal(DuringLesson, (DateTimeOffset)view["writtenAt"]!);
        Assert.Equal(app.Clock.GetUtcNow(), (DateTimeOffset)view["receivedAt"]!);
        Assert.False((bool)view["released"]!);
        // The save's answer names the lesson's teacher as the opened protocol did (from the visit's schedule).
        Assert.Equal("Педагог Первой", (string?)view["lesson"]!["teacherName"]);
    }

    [Fact]
    public async Task AMarkOutsideTheItemsScaleIsAProblemNamingTheField()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        var outside = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "3", ["time.4"] = "2", ["nope"] = "1" }));
        var body = await outside.AssertProblemAsync(400, "marks.goal.1", "marks.time.4", "marks.nope");
        Assert.Contains("не из шкалы", (string?)body["errors"]!["marks.goal.1"]![0], StringComparison.Ordinal);

        var unknownVersion = await observer.PutJsonAsync(Protocol(visit, Observer), Input(version: "1999.9"));
        await unknownVersion.AssertProblemAsync(400, "templateVersion");
        Assert.False((bool)(await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync())["exists"]!);
    }

    [Fact]
    public async Task AnOfflineProtocolIsAcceptedDaysLaterButNotStampedInTheFutureOrBeforeTheLessonsDay()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        // Omsk is UTC+6: the lesson's day begins at 18:00 UTC the day before.
        var beforeDay = await observer.PutJsonAsync(Protocol(visit, Observer), Input(writtenAt: new DateTimeOffset(2026, 11, 11, 17, 59, 0, TimeSpan.Zero)));
        await beforeDay.AssertProblemAsync(400, "writtenAt");
        var future = await observer.PutJsonAsync(Protocol(visit, Observer), Input(writtenAt: app.Clock.GetUtcNow().AddHours(1)));
        await future.AssertProblemAsync(400, "writtenAt");
        var noteBefore = await observer.PutJsonAsync(Protocol(visit, Observer),
            Input(notes: new[] { new { id = "n1", at = new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), text = "Заметка" } }));
        await noteBefore.AssertProblemAsync(400, "notes[0].at");

        // Written at the lesson three days ago, received now.
        var late = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "2" }, writtenAt: new DateTimeOffset(2026, 11, 11, 18, 0, 0, TimeSpan.Zero)));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var view = await late.ReadJsonAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 18, 0, 0, TimeSpan.Zero), (DateTimeOffset)view["writtenAt"]!);
        Assert.Equal(app.Clock.GetUtcNow(), (DateTimeOffset)view["receivedAt"]!);
    }

    [Fact]
    public async Task ALateOfflineSaveMergesWithWhatAnotherDeviceSavedAndNamesRealConflicts()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        var first = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }, writtenAt: DuringLesson));
        var firstTag = first.Headers.ETag!.ToString();
        // The laptop changes goal.2 later that day.
        var laptop = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1", ["goal.2"] = "2" }, writtenAt: DuringLesson.AddHours(3)), firstTag);
        Assert.Equal(HttpStatusCode.OK, laptop.StatusCode);

        // The phone, offline since the first save, sends goal.3 with the old ETag and what it started from.
        var phone = await observer.PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.1"] = "1", ["goal.3"] = "0" }, writtenAt: DuringLesson.AddHours(1), baseValues: new { marks = new Dictionary<string, string> { ["goal.1"] = "1" } }), firstTag);
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        var merged = await phone.ReadJsonAsync();
        Assert.Equal("2", (string?)merged["content"]!["marks"]!["goal.2"]);
        Assert.Equal("0", (string?)merged["content"]!["marks"]!["goal.3"]);
        // Placed in time by when it was written: the later laptop save stays the protocol's time.
        Assert.Equal(DuringLesson.AddHours(3), (DateTimeOffset)merged["writtenAt"]!);

        // Both devices changed goal.1 differently: a conflict naming the field, nothing overwritten.
        var clash = await observer.PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.1"] = "0" }, baseValues: new { marks = new Dictionary<string, string> { ["goal.1"] = "2" } }), firstTag);
        var problem = await clash.AssertProblemAsync(409);
        Assert.Equal("marks.goal.1", (string?)problem["conflicts"]![0]!["key"]);
        Assert.Equal("1", (string?)(await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync())["content"]!["marks"]!["goal.1"]);
    }

    [Fact]
    public async Task AFirstSaveSentAgainWithoutAnETagChangesNothingAndALaterOneMergesOrMakesARevision()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        var first = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }, writtenAt: DuringLesson));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The phone did not hear the answer and sends the same first save (still no ETag): the same protocol, not rewritten.
        var again = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }, writtenAt: DuringLesson));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal("1", (string?)(await again.ReadJsonAsync())["content"]!["marks"]!["goal.1"]);

        // Another device that never had it sends goal.2 without an ETag: merged with what is there, goal.1 kept.
        var other = await observer.PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.2"] = "2" }, writtenAt: DuringLesson.AddMinutes(30), baseValues: new { marks = new Dictionary<string, string>() }));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var merged = await other.ReadJsonAsync();
        Assert.Equal("1", (string?)merged["content"]!["marks"]!["goal.1"]);
        Assert.Equal("2", (string?)merged["content"]!["marks"]!["goal.2"]);
        Assert.Empty(merged["revisions"]!.AsArray());

        // Once released, a save without an ETag still keeps the released text as a revision.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PostAsync(Protocol(visit, Observer) + "/release", null)).StatusCode);
        var late = await observer.PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.1"] = "1", ["goal.2"] = "2", ["goal.3"] = "0" }, writtenAt: DuringLesson.AddHours(1),
                baseValues: new { marks = new Dictionary<string, string> { ["goal.1"] = "1", ["goal.2"] = "2" } }));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var edited = await late.ReadJsonAsync();
        Assert.Equal(2, (int)edited["revision"]!);
        Assert.Equal(["release", "edit"], edited["revisions"]!.AsArray().Select(r => (string)r!["reason"]!));
    }

    [Fact]
    public async Task TheTeamLeadReleasesAndAnEditAfterwardsMakesANewRevisionKeepingTheOld()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        var saved = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await (await observer.PostAsync(Protocol(visit, Observer) + "/release", null)).AssertProblemAsync(403);

        var released = await app.ClientFor(Lead).PostAsync(Protocol(visit, Observer) + "/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var view = await released.ReadJsonAsync();
        Assert.True((bool)view["released"]!);
        Assert.Equal(1, (int)view["revision"]!);

        var edited = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "2" }, writtenAt: DuringLesson.AddHours(2)), released.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await edited.ReadJsonAsync();
        Assert.Equal(2, (int)after["revision"]!);
        Assert.Equal(["release", "edit"], after["revisions"]!.AsArray().Select(r => (string)r!["reason"]!));

        var teacher = app.ClientFor(LessonTeacher);
        var old = await (await teacher.GetAsync(Protocol(visit, Observer) + "/revisions/1")).ReadJsonAsync();
        Assert.Equal("1", (string?)old["content"]!["marks"]!["goal.1"]);
        var now = await (await teacher.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal("2", (string?)now["content"]!["marks"]!["goal.1"]);

        // The same save again (a phone that did not hear the answer) writes no third revision.
        var again = await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "2" }, writtenAt: DuringLesson.AddHours(2)), released.Headers.ETag!.ToString());
        Assert.Equal(2, (int)(await again.ReadJsonAsync())["revision"]!);
    }

    [Fact]
    public async Task APhotoIsStoredAndAFileThatIsNotAnImageIsRefused()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutJsonAsync(Protocol(visit, Observer), Input())).StatusCode);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
        var url = Protocol(visit, Observer) + $"/photos/p1board?takenAt={Uri.EscapeDataString(DuringLesson.AddMinutes(20).ToString("O"))}";
        var uploaded = await observer.PutAsync(url, Bytes(jpeg));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(url, Bytes(jpeg))).StatusCode);

        var photo = await app.ClientFor(Lead).GetAsync(Protocol(visit, Observer) + "/photos/p1board");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await photo.Content.ReadAsByteArrayAsync());
        var view = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Single(view["photos"]!.AsArray());

        var text = await observer.PutAsync(Protocol(visit, Observer) + "/photos/p2text", Bytes("это не фото, а текст"u8.ToArray()));
        var problem = await text.AssertProblemAsync(400, "photo");
        Assert.Contains("не фотография", (string?)problem["errors"]!["photo"]![0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await observer.GetAsync(Protocol(visit, Observer) + "/photos/p2text")).StatusCode);
    }

    [Fact]
    public async Task PhotosSentTogetherAreAllListedOnceAndTheThirtyFirstIsRefused()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
        string Url(int i) => Protocol(visit, Observer) + $"/photos/ph{i:D2}?takenAt={Uri.EscapeDataString(DuringLesson.AddMinutes(i).ToString("O"))}";

        // A photo sent before its protocol stays listed once the protocol is saved.
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Url(0), Bytes(jpeg))).StatusCode);
        var saved = await (await observer.PutJsonAsync(Protocol(visit, Observer), Input())).ReadJsonAsync();
        Assert.Equal(["ph00"], saved["photos"]!.AsArray().Select(p => (string)p!["id"]!));

        // Two devices (or a retry) at once: every photo is listed once, the same photo twice is one photo.
        var sent = await Task.WhenAll(Enumerable.Range(1, 9).Append(5).Select(i => observer.PutAsync(Url(i), Bytes(jpeg))));
        Assert.All(sent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        for (var i = 10; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Url(i), Bytes(jpeg))).StatusCode);
        }

        var view = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"ph{i:D2}"), view["photos"]!.AsArray().Select(p => (string)p!["id"]!));
        await (await observer.PutAsync(Url(30), Bytes(jpeg))).AssertProblemAsync(400, "photo");
        // A photo already there, sent again, is still answered as taken.
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Url(7), Bytes(jpeg))).StatusCode);
    }

    [Fact]
    public async Task PhotosRecordedBeforeTheProtocolsPhotoListExistedAreListedAndCounted()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
        Assert.Equal(HttpStatusCode.OK, (await observer.PutJsonAsync(Protocol(visit, Observer), Input())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/old1", Bytes(jpeg))).StatusCode);
        // As stored before the list rows: the photo's record only.
        var table = app.Service<Azure.Data.Tables.TableServiceClient>().GetTableClient(app.Service<MethodDays.Platform.Storage.StorageNames>().Table(ProtocolStore.Table));
        var partition = Keys.Partition("north", "s1", visit);
        await table.DeleteEntityAsync(partition, Keys.PhotoList("l1", Observer));

        var view = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal(["old1"], view["photos"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/old1", Bytes(jpeg))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/new1", Bytes(jpeg))).StatusCode);
        var after = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal(["new1", "old1"], after["photos"]!.AsArray().Select(p => (string)p!["id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APhotoAnotherInstanceRecordedIsKeptWhenThisOneRecordsTheNext()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
        // This instance creates the protocol and sends a photo: it now knows the photo list (and its ETag).
        Assert.Equal(HttpStatusCode.OK, (await observer.PutJsonAsync(Protocol(visit, Observer), Input())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/first", Bytes(jpeg))).StatusCode);

        // Another instance of the app (its own memory, the same storage) records a photo from a second device.
        var other = new ProtocolStore(app.Service<Azure.Data.Tables.TableServiceClient>(), app.Service<Azure.Storage.Blobs.BlobServiceClient>(),
            app.Service<MethodDays.Platform.Storage.StorageNames>(), new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
        var lesson = new LessonInfo("north", "s1", visit, "l1", LessonDay, "tch" + visit, "Математика", "7А");
        var list = await other.PhotosAsync(lesson, Observer, CancellationToken.None);
        var blob = await other.UploadPhotoAsync(lesson, Observer, "second", new BinaryData(jpeg), "image/jpeg", CancellationToken.None);
        Assert.True(await other.RecordPhotoAsync(lesson, Observer, new PhotoEntity
        {
            PhotoId = "second", BlobName = blob, ContentType = "image/jpeg", Bytes = jpeg.Length, TakenAt = DuringLesson, ReceivedAt = DuringLesson,
        }, list, CancellationToken.None));

        // This instance's list is stale now: the next photo is still recorded, and none is lost.
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/third", Bytes(jpeg))).StatusCode);
        var view = await (await observer.GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal(["first", "second", "third"], view["photos"]!.AsArray().Select(p => (string)p!["id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoObserversMarksStandSideBySideWithTheirAgreement()
    {
        var visit = await VisitAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PutJsonAsync(Protocol(visit, Lead),
            Input(new() { ["goal.1"] = "2", ["goal.2"] = "1", ["goal.3"] = "0", ["formative.2"] = "4" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Observer).PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.1"] = "2", ["goal.2"] = "0", ["goal.3"] = "2", ["formative.2"] = "3", ["activity.1"] = "4" }))).StatusCode);

        var lesson = await (await app.ClientFor("coord-n").GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync();
        Assert.Equal(2, lesson["protocols"]!.AsArray().Count);
        var pair = lesson["agreement"]![0]!;
        Assert.Equal(4, (int)pair["compared"]!);
        Assert.Equal(1, (int)pair["equal"]!);
        Assert.Equal(25, (int)pair["equalPercent"]!);
        Assert.Equal(3, (int)pair["withinOne"]!);
        Assert.Equal(75, (int)pair["withinOnePercent"]!);
    }

    [Fact]
    public async Task TheTeacherWritesTheirSelfAnalysisAndAnObserverMayRecordIt()
    {
        var visit = await VisitAsync(app);
        var bySelf = await app.ClientFor(LessonTeacher).PutJsonAsync(Lesson(visit) + "/self-analysis", new { text = "Не успела провести рефлексию.", writtenAt = DuringLesson.AddHours(2) });
        Assert.Equal(HttpStatusCode.OK, bySelf.StatusCode);
        Assert.True((bool)(await bySelf.ReadJsonAsync())["byTeacher"]!);
        var lesson = await (await app.ClientFor(Lead).GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync();
        Assert.Equal("Не успела провести рефлексию.", (string?)lesson["selfAnalysis"]!["text"]);

        var recorded = await app.ClientFor(Lead).PutJsonAsync(Lesson(visit, "l2") + "/self-analysis", new { text = "Со слов педагога: класс сложный." });
        Assert.False((bool)(await recorded.ReadJsonAsync())["byTeacher"]!);
        await (await app.ClientFor("admin-s1").PutJsonAsync(Lesson(visit) + "/self-analysis", new { text = "Не моё" })).AssertProblemAsync(403);
        await (await app.ClientFor(LessonTeacher).PutJsonAsync(Lesson(visit) + "/self-analysis", new { text = "" })).AssertProblemAsync(400, "text");
    }

    [Fact]
    public async Task TheCoordinatorPublishesANewVersionAndOldVersionsStay()
    {
        var coordinator = app.ClientFor("coord-n");
        var shipped = app.Service<ShippedProtocolTemplates>().Current;
        var version = "2026." + Random.Shared.Next(100, 999);
        var adapted = shipped with { Version = version, Title = "Протокол наблюдения урока (Северный район)", IsDefault = false };
        var published = await coordinator.PostJsonAsync("/api/municipalities/north/observation-templates", adapted);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.False((bool)(await published.ReadJsonAsync())["isDefault"]!);

        var list = await (await coordinator.GetAsync("/api/municipalities/north/observation-templates")).ReadJsonAsync();
        Assert.Equal(version, (string?)list["current"]);
        Assert.Contains(list["versions"]!.AsArray(), v => (string?)v!["version"] == "2026.1" && (bool)v["isDefault"]!);
        // The other municipality still fills the default.
        Assert.Equal("2026.1", (string?)(await (await app.ClientFor("coord-s").GetAsync("/api/municipalities/south/observation-templates")).ReadJsonAsync())["current"]);

        var visit = await VisitAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Observer).PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "2" }, version: version))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PutJsonAsync(Protocol(visit, Lead), Input(new() { ["goal.1"] = "2" }, version: "2026.1"))).StatusCode);

        await (await coordinator.PostJsonAsync("/api/municipalities/north/observation-templates", adapted)).AssertProblemAsync(409);
        await (await coordinator.PostJsonAsync("/api/municipalities/north/observation-templates", shipped)).AssertProblemAsync(409);
        await (await app.ClientFor("methodist-n").PostJsonAsync("/api/municipalities/north/observation-templates", adapted with { Version = version + "1" })).AssertProblemAsync(403);
        var broken = adapted with
        {
            Version = version + "2",
            Sections = [new ProtocolSection("goal", "Целеполагание", [new ProtocolItem("goal.1", "Цель урока", "no-such-scale")])],
        };
        await (await coordinator.PostJsonAsync("/api/municipalities/north/observation-templates", broken)).AssertProblemAsync(400, "sections[0].items[0].scale");
    }

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
