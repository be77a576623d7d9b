using System.Net;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Notifications;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>The coordinator's answer to a school's question is announced to the school's administration.</summary>
public sealed class AnswerNoticeTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const string Week = "2026-W47";
    private const string Subject = "Ответ на вопрос школы «Первая ООШ»";

    [Fact]
    public async Task AnswerReachesEveryAdministratorOfTheAskingSchoolOnce()
    {
        using var deliveries = new Deliveries(app);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(app, "coord-n", "north", Week, publish: "Now");
        await deliveries.WaitAsync(7); // the topic's own notices: every school of the municipality takes part

        var asked = await app.ClientFor("admin-s1").PostJsonAsync($"/api/municipalities/north/schools/s1/weeks/{Week}/questions", new { text = "Как вести лист продвижения?" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var agenda = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/agenda")).ReadJsonAsync();
        var questionId = (string)agenda["groups"]![0]!["schools"]![0]!["questions"]![0]!["id"]!;
        var url = $"/api/municipalities/north/weeks/{Week}/questions/{Uri.EscapeDataString(questionId)}/answer";

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PutJsonAsync(url, new { answer = "Смотрите видеосеминар 2, с 12-й минуты." })).StatusCode);
        await deliveries.WaitAsync(2);

        // Whoever asked, both administrators of the school are told; nobody else is.
        var answers = (await app.Mail.EmailsAsync()).Where(m => m.Subject == Subject).ToList();
        Assert.Equal(["admin@s1.example", "deputy@s1.example"], answers.Select(m => m.To).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("Координатор Северный ответил(а) на вопрос школы «Первая ООШ»", answers[0].Text);
        Assert.Contains("Смотрите видеосеминар 2, с 12-й минуты.", answers[0].Text);
        Assert.Contains($"https://emd.example.ru/#/week/{Week}", answers[0].Text);
        var deputyFeed = await (await app.ClientFor("admin-s1b").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Single(deputyFeed["items"]!.AsArray(), i => (string?)i!["subject"] == Subject);
        var otherFeed = await (await app.ClientFor("admin-s2").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.DoesNotContain(otherFeed["items"]!.AsArray(), i => (string?)i!["subject"] == Subject);

        // The same answer sent again tells nobody twice.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PutJsonAsync(url, new { answer = "Смотрите видеосеминар 2, с 12-й минуты." })).StatusCode);
        await deliveries.WaitAsync(2);
        Assert.Equal(2, (await app.Mail.EmailsAsync()).Count(m => m.Subject == Subject));
    }
}
