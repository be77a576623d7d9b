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

    public const int Block = 4 * 1024 * 1024;

    public static string Uploads(string visit, string document) => $"{Review(visit)}/documents/{document}/uploads";

    /// <summary>Starts an upload of a document's file; the answer (its <c>id</c>, or a refusal).</summary>
    public static Task<HttpResponseMessage> StartUploadAsync(this HttpClient client, string visit, string document, string name, long size) =>
        client.PostJsonAsync(Uploads(visit, document), new { fileName = name, size });

    /// <summary>Sends block <paramref name="index"/> of <paramref name="bytes"/> (4 MiB blocks).</summary>
    public static Task<HttpResponseMessage> SendBlockAsync(this HttpClient client, string visit, string document, string uploadId, int index, byte[] bytes)
    {
        var body = new ByteArrayContent(bytes, index * Block, Math.Min(Block, bytes.Length - (index * Block)));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return client.PutAsync($"{Uploads(visit, document)}/{uploadId}/blocks/{index}", body);
    }

    public static Task<HttpResponseMessage> CompleteUploadAsync(this HttpClient client, string visit, string document, string uploadId) =>
        client.PostAsync($"{Uploads(visit, document)}/{uploadId}/complete", null);

    /// <summary>Uploads a file as the page does: start, the blocks in order, complete; the first refusal or the completion's answer.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string visit, string document, string name, byte[] bytes)
    {
        var started = await client.StartUploadAsync(visit, document, name, bytes.Length);
        if (!started.IsSuccessStatusCode)
        {
            return started;
        }

        var id = (string)(await started.ReadJsonAsync())["id"]!;
        for (var i = 0; i * Block < bytes.Length; i++)
        {
            var block = await client.SendBlockAsync(visit, document, id, i, bytes);
            if (!block.IsSuccessStatusCode)
            {
                return block;
            }
        }

        return await client.CompleteUploadAsync(visit, document, id);
    }

    /// <summary>Uploads a file and returns the id of the file it became.</summary>
    public static async Task<string> UploadedAsync(this HttpClient client, string visit, string document, string name, byte[] bytes)
    {
        var done = await client.UploadAsync(visit, document, name, bytes);
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        return (string)(await done.ReadJsonAsync())["file"]!["id"]!;
    }
}
