using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Subscription;

/// <summary>Steps the subscription tests share: a school in the project, a staff teacher, a request, a module.</summary>
internal static class Subscriptions
{
    public const string Base = "/api/municipalities/north/subscription";

    public static string School(string school) => $"/api/municipalities/north/schools/{school}/subscription";

    /// <summary>The school applies for 2026-2027 and the coordinator agrees.</summary>
    public static async Task JoinAsync(AppFactory app, string school)
    {
        var applied = await app.ClientFor($"admin-{school}").PostJsonAsync($"{School(school)}/applications", new
        {
            year = "2026-2027",
            criteria = new[] { "request", "vpr" },
            justification = "Низкие результаты ВПР по математике в 5–6 классах; педагоги просят помощи с формирующим оцениванием.",
        });
        // Another test of the class may have joined the school already: then it is agreed and the answer repeats.
        Assert.Contains(applied.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
        var agreed = await app.ClientFor("coord-n").PostJsonAsync($"{Base}/applications/2026-2027.{school}/answer", new { decision = "agreed" });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
    }

    public static async Task<string> TeacherAsync(AppFactory app, string school, string name, string? personId = null)
    {
        if (personId is not null)
        {
            // One staff row per account: another test of the class may have linked it already.
            var list = await (await app.ClientFor($"admin-{school}").GetAsync($"/api/municipalities/north/schools/{school}/staff")).ReadJsonAsync();
            if (list["teachers"]!.AsArray().FirstOrDefault(t => (string?)t!["personId"] == personId) is { } linked)
            {
                return (string)linked["id"]!;
            }
        }

        var created = await app.ClientFor($"admin-{school}").PostJsonAsync($"/api/municipalities/north/schools/{school}/staff",
            new { fullName = name, subjects = new[] { "Математика" }, category = "first", position = "учитель", personId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    public static async Task<string> NeedAsync(AppFactory app, string actor, string school, string? teacherId, string topic, string competence = "methodical", string form = "practicum")
    {
        var created = await app.ClientFor(actor).PostJsonAsync($"{School(school)}/needs", new { year = "2026-2027", teacherId, topic, competence, subject = "Математика", form });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    public static object Module(string[] schools, string[] needIds, string topic = "Формирующее оценивание на уроке", string form = "practicum") => new
    {
        year = "2026-2027",
        form,
        topic,
        competence = "methodical",
        leadKind = "tutor",
        leadName = "Смирнова О. В.",
        hours = 6,
        startDate = "2026-11-02",
        endDate = "2026-12-18",
        place = "Первая ООШ, кабинет 12",
        schools,
        needIds,
    };

    public static async Task<(string Id, string ETag)> ModuleAsync(AppFactory app, string[] schools, string[] needIds, string form = "practicum")
    {
        var created = await app.ClientFor("methodist-n").PostJsonAsync($"{Base}/modules", Module(schools, needIds, form: form));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        return ((string)body["id"]!, (string)body["eTag"]!);
    }
}
