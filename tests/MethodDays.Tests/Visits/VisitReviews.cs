using System.Net;
using System.Text;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>Visits to review and the requests the review tests send.</summary>
internal static class VisitReviews
{
    public const string Visits = "/api/municipalities/north/visits";

    /// <summary>A team of three: the leader, an observer, the document expert (another school's administrator).</summary>
    public static object[] Team() =>
    [
        new { personId = "methodist-n", role = "leader" },
        new { personId = "curator-n", role = "observer" },
        new { personId = "admin-s3", role = "documents" },
    ];

    /// <summary>Plans a visit to <paramref name="school"/> on 3 December 2026 with no lessons; returns its id.</summary>
    public static async Task<string> PlanAsync(AppFactory app, string school = "s2", string date = "2026-12-03")
    {
        var created = await app.ClientFor("methodist-n").PostJsonAsync(Visits, new
        {
            schoolId = school,
            date,
            purpose = "Адресная помощь школе: экспертиза документов и собеседование",
            directions = new[] { "control", "gia-quality" },
            team = Team(),
            lessons = Array.Empty<object>(),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    public static string Review(string visit) => $"{Visits}/{visit}/review";

    public static byte[] Pdf(string text = "Положение") => Encoding.UTF8.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n" + text + "\n%%EOF");

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string visit, string document, string fileId, string name, byte[] bytes) =>
        client.PutAsync($"{Review(visit)}/documents/{document}/files/{fileId}?name={Uri.EscapeDataString(name)}", new ByteArrayContent(bytes));
}
