using MethodDays.Platform.Calendar;

namespace MethodDays.Tests.Platform;

/// <summary>The Russian forms dates, counts, zones and lowered titles take in a sentence.</summary>
public sealed class RussianWordsTests
{
    private static readonly TimeZoneInfo Omsk = LocalTime.Zone("Asia/Omsk");

    [Theory]
    [InlineData(7, "до понедельника, 7 декабря, 11:00")]
    [InlineData(8, "до вторника, 8 декабря, 11:00")]
    [InlineData(9, "до среды, 9 декабря, 11:00")]
    [InlineData(10, "до четверга, 10 декабря, 11:00")]
    [InlineData(11, "до пятницы, 11 декабря, 11:00")]
    [InlineData(12, "до субботы, 12 декабря, 11:00")]
    [InlineData(13, "до воскресенья, 13 декабря, 11:00")]
    public void WeekdayAfterUntilIsGenitive(int day, string expected) =>
        Assert.Equal(expected, "до " + RussianWords.Until(new DateTimeOffset(2026, 12, day, 5, 0, 0, TimeSpan.Zero), Omsk));

    [Theory]
    [InlineData(8, "во вторник, 8 декабря, в 11:00")]
    [InlineData(9, "в среду, 9 декабря, в 11:00")]
    public void OnADayIsAccusative(int day, string expected) =>
        Assert.Equal(expected, RussianWords.On(new DateTimeOffset(2026, 12, day, 5, 0, 0, TimeSpan.Zero), Omsk));

    [Theory]
    [InlineData(1, "1 шаг")]
    [InlineData(2, "2 шага")]
    [InlineData(5, "5 шагов")]
    [InlineData(11, "11 шагов")]
    [InlineData(21, "21 шаг")]
    [InlineData(22, "22 шага")]
    [InlineData(112, "112 шагов")]
    public void CountsAgree(int n, string expected) => Assert.Equal(expected, RussianWords.Count(n, "шаг", "шага", "шагов"));

    [Theory]
    [InlineData("Обсуждение содержания ЕМД куратора", "обсуждение содержания ЕМД куратора")]
    [InlineData("ВКС руководителей и ответственных за ЕМД", "ВКС руководителей и ответственных за ЕМД")]
    [InlineData("Лист оценки результативности", "лист оценки результативности")]
    [InlineData("Школа выбирает форму (ООШ, ПРШ)", "школа выбирает форму (ООШ, ПРШ)")]
    public void LoweringKeepsAbbreviations(string title, string expected) => Assert.Equal(expected, RussianWords.Lower(title));

    [Theory]
    [InlineData("Asia/Omsk", "омское время, UTC+6", "по омскому времени (UTC+6)")]
    [InlineData("Europe/Moscow", "московское время, UTC+3", "по московскому времени (UTC+3)")]
    [InlineData("Asia/Kolkata", "время UTC+5:30", "по времени UTC+5:30")]
    public void ZonesAreNamedInWords(string zone, string name, string by)
    {
        var at = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(name, RussianWords.ZoneName(zone, at));
        Assert.Equal(by, RussianWords.ZoneBy(zone, at));
    }
}
