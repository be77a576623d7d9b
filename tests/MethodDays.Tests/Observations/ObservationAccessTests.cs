using System.Net;
using MethodDays.Features.Visits;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Observations.Observations;

namespace MethodDays.Tests.Observations;

/// <summary>
/// Protocols are personal data about a teacher: the team, the school's administration, its curator, methodists and
/// the coordinator see them; the teacher sees their own once the team lead releases it; nobody else.
/// </summary>
public sealed class ObservationAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> VisitWithProtocolAsync()
    {
        var visit = await VisitAsync(app);
        var saved = await app.ClientFor(Observer).PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }, strengths: "Сильные стороны"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return visit;
    }

    [Theory]
    [InlineData("methodist-n")] // the team lead
    [InlineData("admin-s3")] // the observer
    [InlineData("coord-n")]
    [InlineData("admin-s1")] // the school's administration
    [InlineData("admin-s1b")]
    [InlineData("curator-n")] // the school's curator
    public async Task TheTeamTheSchoolsAdministrationItsCuratorAndTheMunicipalitySeeAProtocol(string person)
    {
        var visit = await VisitWithProtocolAsync();
        var client = app.ClientFor(person);
        var protocol = await client.GetAsync(Protocol(visit, Observer));
        Assert.Equal(HttpStatusCode.OK, protocol.StatusCode);
        Assert.Equal("Сильные стороны", (string?)(await protocol.ReadJsonAsync())["content"]!["strengths"]);
        var lesson = await (await client.GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync();
        Assert.Single(lesson["protocols"]!.AsArray());
    }

    [Theory]
    [InlineData("admin-s2")] // another school of the municipality
    [InlineData("coord-s")] // another municipality
    [InlineData("admin-t1")]
    public async Task AnotherSchoolOrMunicipalitySeesNothing(string person)
    {
        var visit = await VisitWithProtocolAsync();
        var client = app.ClientFor(person);
        await (await client.GetAsync(Protocol(visit, Observer))).AssertProblemAsync(403);
        await (await client.GetAsync(Lesson(visit) + "/observations")).AssertProblemAsync(403);
        await (await client.GetAsync(Protocol(visit, Observer) + "/photos/p1")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheTeacherSeesTheirOwnProtocolOnlyOnceTheTeamLeadReleasesIt()
    {
        var visit = await VisitWithProtocolAsync();
        var teacher = app.ClientFor(LessonTeacher);
        await (await teacher.GetAsync(Protocol(visit, Observer))).AssertProblemAsync(403);
        Assert.Empty((await (await teacher.GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync())["protocols"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PostAsync(Protocol(visit, Observer) + "/release", null)).StatusCode);

        var released = await teacher.GetAsync(Protocol(visit, Observer));
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("1", (string?)(await released.ReadJsonAsync())["content"]!["marks"]!["goal.1"]);
        Assert.Single((await (await teacher.GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync())["protocols"]!.AsArray());
        // Reading is all: the teacher does not write or release the observer's protocol.
        await (await teacher.PutJsonAsync(Protocol(visit, Observer), Input())).AssertProblemAsync(403);
        await (await teacher.PostAsync(Protocol(visit, Observer) + "/release", null)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task ATeacherDoesNotSeeAnotherTeachersLessonEvenReleased()
    {
        var visit = await VisitAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PutJsonAsync(Protocol(visit, Lead, "l2"), Input(new() { ["goal.1"] = "0" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PostAsync(Protocol(visit, Lead, "l2") + "/release", null)).StatusCode);

        var teacher = app.ClientFor(LessonTeacher);
        await (await teacher.GetAsync(Protocol(visit, Lead, "l2"))).AssertProblemAsync(403);
        await (await teacher.GetAsync(Lesson(visit, "l2") + "/observations")).AssertProblemAsync(403);
        await (await teacher.GetAsync(Protocol(visit, Lead, "l2") + "/revisions/1")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task OnlyTheObserverWritesTheirProtocolAndOnlyForALessonTheyObserve()
    {
        var visit = await VisitAsync(app);
        // The lead reads everything but does not write someone else's protocol.
        await (await app.ClientFor(Lead).PutJsonAsync(Protocol(visit, Observer), Input())).AssertProblemAsync(403);
        // admin-s3 is on the team but does not observe l2: reads it, cannot write a protocol of it.
        await (await app.ClientFor(Observer).PutJsonAsync(Protocol(visit, Observer, "l2"), Input())).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Observer).GetAsync(Lesson(visit, "l2") + "/observations")).StatusCode);
        // The coordinator reads but is not an observer of this visit.
        await (await app.ClientFor("coord-n").PutJsonAsync(Protocol(visit, "coord-n"), Input())).AssertProblemAsync(403);
        await (await app.ClientFor("coord-n").PutAsync(Protocol(visit, "coord-n") + "/photos/p1", new ByteArrayContent([0xFF, 0xD8, 0xFF]))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task AnObserverTakenOffTheTeamIsRefusedOnTheirNextSaveAndPhoto()
    {
        var visit = await VisitAsync(app);
        var observer = app.ClientFor(Observer);
        // Saving and sending a photo: this instance now keeps the visit for the protocols' checks.
        Assert.Equal(HttpStatusCode.OK, (await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "1" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.PutAsync(Protocol(visit, Observer) + "/photos/p1", Jpeg())).StatusCode);

        // The coordinator takes the observer off the team and off the lesson.
        var store = app.Service<VisitStore>();
        var entity = (await store.GetVisitAsync("north", visit, CancellationToken.None))!;
        entity.Team = StoredJson.Write(entity.TeamList.Where(m => m.PersonId != Observer).ToList());
        entity.TeamIds = $",{Lead},";
        entity.Lessons = StoredJson.Write(entity.LessonList.Select(l => l with { Observers = [.. l.Observers.Where(o => o != Observer)] }).ToList());
        Assert.True(await store.UpdateVisitAsync(entity, entity.ETag, CancellationToken.None));

        // Refused at once, not when a cached copy of the visit runs out.
        await (await observer.PutJsonAsync(Protocol(visit, Observer), Input(new() { ["goal.1"] = "2" }))).AssertProblemAsync(403);
        await (await observer.PutAsync(Protocol(visit, Observer) + "/photos/p2", Jpeg())).AssertProblemAsync(403);
        await (await observer.GetAsync(Protocol(visit, Observer))).AssertProblemAsync(403);
    }

    private static ByteArrayContent Jpeg()
    {
        var content = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 0xFF, 0xD9]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    [Fact]
    public async Task ALessonThatIsNotOnTheVisitIsNotFoundForThoseWhoMayReadTheSchool()
    {
        var visit = await VisitAsync(app);
        await (await app.ClientFor("coord-n").GetAsync(Lesson(visit, "l9") + "/observations")).AssertProblemAsync(404);
        // For anyone else it reveals nothing: 403, not whether it exists.
        await (await app.ClientFor("admin-s2").GetAsync(Lesson(visit, "l9") + "/observations")).AssertProblemAsync(403);
    }
}
