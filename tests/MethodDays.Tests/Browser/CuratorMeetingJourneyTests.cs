using System.Net;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// A curator's week in headless Chromium on a phone (Ust-Ishim cycle): the board lists only the curator's schools,
/// and a school's page opens as the meeting view, starting with the previous topic's decision (seed 003 §II.6),
/// with a box that records the meeting.
/// </summary>
public sealed class CuratorMeetingJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task CuratorsMeetingViewOpensWithThePreviousDecisionAndRecordsTheMeeting()
    {
        // The Ust-Ishim cycle has the curator's Thursday meeting. Last week's topic, with s2's decision, is seeded in
        // storage (the fake clock cannot go back); this week's topic is published through the API.
        var ct = TestContext.Current.CancellationToken;
        var coordinator = app.ClientFor("coord-n");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/cycle", new { preset = "ust-ishim" })).StatusCode);
        var store = app.Service<CycleStore>();
        var lastWeek = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero); // Wednesday of W45, 16:00 Omsk
        Assert.True(await store.SaveTopicAsync(new TopicEntity
        {
            PartitionKey = "north",
            RowKey = "2026-W45",
            Title = "Работа со слабоуспевающими",
            Questions = "[\"Как вы ведёте учёт слабоуспевающих?\"]",
            Assignment = "Составить списки слабоуспевающих.",
            PublishedAt = lastWeek,
            UpdatedByName = "Координатор Северный",
            UpdatedAt = lastWeek,
        }, null, ct));
        await store.MarkStepAsync("north", new WeekId(2026, 45), new StepEntity
        {
            StepId = "decision",
            SchoolId = "s2",
            Text = "Составить списки слабоуспевающих по параллелям.",
            DoneAt = lastWeek.AddDays(5),
            ByName = "Администратор Второй",
        }, ct);
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W46", "Now", "Смысловое чтение");

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Куратор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Неделя ЕМД" }).ClickAsync();
        var board = page.GetByRole(AriaRole.Region, new() { Name = "Доска недели: школы по строкам, шаги по столбцам" });
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(4); // header, s1, s2, totals: only the curator's schools
        // The curator's board shows the schools' flags and filters by them, as the coordinator's does.
        await Expect(board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Вторая СОШ" }).GetByRole(AriaRole.Rowheader)).ToContainTextAsync("ШНОР · ПРШ");
        await page.GetByLabel("Показать").SelectOptionAsync(new SelectOptionValue { Label = "ПРШ (2)" });
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await board.GetByRole(AriaRole.Link, new() { Name = "Вторая СОШ" }).ClickAsync();

        var meeting = page.GetByRole(AriaRole.Region, new() { Name = "Встреча куратора со школой" });
        await Expect(meeting).ToContainTextAsync("Начните с решения по прошлой теме");
        await Expect(meeting).ToContainTextAsync("Составить списки слабоуспевающих по параллелям.");
        await meeting.GetByLabel("Итоги встречи").FillAsync("Обсудили видеосеминар и техническое задание; решение по прошлой теме выполняется.");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Записать итоги встречи" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Итоги встречи записаны." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Встреча куратора со школой" })).ToContainTextAsync("✓ выполнено");
    }
}
