using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Notifications;

/// <summary>A reviewer's comment on a school's monthly sheet reaches the school's administration: feed and e-mail.</summary>
public sealed class CommentNoticeTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const string Subject = "Комментарий к листу самооценки за октябрь 2026";

    [Fact]
    public async Task CuratorsCommentReachesTheSchoolAdministrationOnceAndHonoursTheirEmailChoice()
    {
        using var deliveries = new Deliveries(app);
        // The deputy does not want comment e-mails; the feed still tells her.
        var deputy = app.ClientFor("admin-s1b");
        Assert.True((await deputy.PutJsonAsync("/api/me/email-preferences", new { off = new[] { "Comment" } })).IsSuccessStatusCode);

        var url = Sheets.Url("s1", "2026-10");
        var template = app.Service<SheetTemplates>().Current;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PostJsonAsync(url + "/submit", new { values = Sheets.Scoring(template, 90) })).StatusCode);

        var curator = app.ClientFor("curator-n");
        var first = await (await curator.PostJsonAsync(url + "/comments", new { text = "Обсудим показатель 2.9 в четверг." })).ReadJsonAsync();
        await deliveries.WaitAsync(2); // the two school admins of s1

        var mails = await app.Mail.EmailsAsync();
        var mail = Assert.Single(mails);
        Assert.Equal("admin@s1.example", mail.To);
        Assert.Equal(Subject, mail.Subject);
        Assert.Contains("Куратор Куратор Северный оставил(а) комментарий к листу самооценки школы «Первая ООШ» за октябрь 2026", mail.Text);
        Assert.Contains("Обсудим показатель 2.9 в четверг.", mail.Text);
        Assert.Contains("https://emd.example.ru/#/sheet/s1/2026-10", mail.Text);

        var deputyFeed = await (await deputy.GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Equal(Subject, (string?)Assert.Single(deputyFeed["items"]!.AsArray())!["subject"]);
        var adminFeed = await (await app.ClientFor("admin-s1").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Equal(Subject, (string?)Assert.Single(adminFeed["items"]!.AsArray())!["subject"]);
        // Another school's administration hears nothing of it.
        Assert.Empty((await (await app.ClientFor("admin-s2").GetAsync("/api/feed")).ReadJsonAsync())["items"]!.AsArray());

        // The same request again (the answer was lost on the way): the same comment, no second notice.
        var retry = await (await curator.PostJsonAsync(url + "/comments", new { text = "Обсудим показатель 2.9 в четверг." })).ReadJsonAsync();
        Assert.Equal((string?)first["id"], (string?)retry["id"]);
        await deliveries.WaitAsync(2);
        Assert.Single(await app.Mail.EmailsAsync());
        Assert.Single((await (await app.ClientFor("admin-s1").GetAsync("/api/feed")).ReadJsonAsync())["items"]!.AsArray());
        Assert.Single((await (await deputy.GetAsync("/api/feed")).ReadJsonAsync())["items"]!.AsArray());
        var sheet = await (await app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync();
        Assert.Single(sheet["comments"]!.AsArray());
    }
}
