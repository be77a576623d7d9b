using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>The register of each school's results by school year: entered in the page, or imported whole from the template.</summary>
public sealed class ResultsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Year = "/api/municipalities/north/results/2025-2026";

    private static object Results(decimal quality = 38, object[]? exams = null) => new
    {
        shnorFrom = "2021-2022",
        shnorTo = (string?)null,
        qualityPercent = quality,
        attainmentPercent = 92.5m,
        olympiadSchoolParticipants = 40,
        olympiadSchoolWinners = 6,
        olympiadHigherParticipants = 3,
        olympiadHigherWinners = 0,
        innovationTeachers = 0,
        exams = exams ?? [new { exam = "ОГЭ", subject = "Математика", school = 3.2m, municipality = 3.6m, city = 3.7m }],
    };

    [Fact]
    public async Task AMethodistEntersASchoolsYearAndAStaleSecondEditIsAConflict()
    {
        var methodist = app.ClientFor("methodist-n");
        var saved = await methodist.PutJsonAsync($"{Year}/schools/s2", Results());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var etag = saved.Headers.ETag!.ToString();

        var year = await (await methodist.GetAsync(Year)).ReadJsonAsync();
        var s2 = year["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.Equal("2021-2022", (string?)s2["shnorFrom"]);
        Assert.True((bool)s2["onShnorList"]!);
        Assert.Equal(38m, (decimal)s2["qualityPercent"]!);
        Assert.Equal("ОГЭ", (string?)s2["exams"]![0]!["examLabel"]);
        Assert.Equal("2025/2026 учебный год", (string?)year["yearLabel"]);

        // Without the ETag, and with an old one: nothing overwritten.
        await (await methodist.PutJsonAsync($"{Year}/schools/s2", Results(50))).AssertProblemAsync(428);
        var coordinator = app.ClientFor("coord-n");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync($"{Year}/schools/s2", Results(41), etag)).StatusCode);
        var conflict = await (await methodist.PutJsonAsync($"{Year}/schools/s2", Results(50), etag)).AssertProblemAsync(409);
        Assert.Contains("Координатор Северный", (string?)conflict["detail"]);
        Assert.Equal(41m, (decimal)conflict["current"]!["qualityPercent"]!);
    }

    [Fact]
    public async Task BadFiguresAreNamedFieldByField()
    {
        var response = await app.ClientFor("coord-n").PutJsonAsync($"{Year}/schools/s3", new
        {
            shnorFrom = "2023-2024",
            shnorTo = "2021-2022",
            qualityPercent = 130,
            olympiadHigherParticipants = 1,
            olympiadHigherWinners = 4,
            exams = new object[]
            {
                new { exam = "ВПР", subject = "Математика", school = 3.9m, municipality = 3.8m },
                new { exam = "ЕГЭ", subject = "Русский язык", grade = 11, school = 70, municipality = 68 },
            },
        });
        await response.AssertProblemAsync(400, "shnorTo", "qualityPercent", "olympiadHigherWinners", "exams.0.grade", "exams.1.grade");
    }

    [Fact]
    public async Task TheTemplateRoundTripsAndAFileWithBadCellsIsRefusedWholeWithEachCellNamed()
    {
        var coordinator = app.ClientFor("coord-n");
        var good = VisitFiles.Xlsx(
            [
                ["Первая ООШ", "2022-2023", "", "35", "90", "30", "2", "2", "0", "1"],
                ["Третья СОШ", "", "", "62,5", "99", "120", "30", "15", "4", "6"],
            ],
            [
                ["Первая ООШ", "ОГЭ", "Русский язык", "", "3,4", "3,8", "3,9"],
                ["Первая ООШ", "ВПР", "Математика", "5", "3,1", "3,5", ""],
                ["Третья СОШ", "ЕГЭ", "Профильная математика", "", "68", "61", "63"],
            ]);
        var imported = await (await coordinator.UploadAsync($"{Year}/import", good)).ReadJsonAsync();
        Assert.Equal(2, (int)imported["schools"]!);
        Assert.Equal(3, (int)imported["exams"]!);
        Assert.Equal(2, (int)imported["changed"]!);

        // The same file again changes nothing.
        var again = await (await coordinator.UploadAsync($"{Year}/import", good)).ReadJsonAsync();
        Assert.Equal(0, (int)again["changed"]!);
        Assert.Equal(2, (int)again["unchanged"]!);

        // One good row and bad ones: nothing of it is stored, every bad cell is named with its sheet.
        var bad = VisitFiles.Xlsx(
            [
                ["Первая ООШ", "2022-2023", "", "20", "90", "30", "2", "2", "0", "1"],
                ["Пятая СОШ", "", "", "50", "95", "", "", "", "", ""],
                ["Третья СОШ", "", "", "много", "99", "10", "12", "", "", ""],
            ],
            [
                ["Первая ООШ", "ВПР", "Математика", "", "3,1", "3,5", ""],
                ["Третья СОШ", "ОГЭ", "Химия", "", "7", "", ""],
            ]);
        var problem = await (await coordinator.UploadAsync($"{Year}/import", bad)).AssertProblemAsync(400);
        var cells = problem["cells"]!.AsArray().Select(c => (string)c!["cell"]!).ToList();
        Assert.Equal(["Школы!A3", "Школы!D4", "Экзамены!D2"], cells);
        Assert.Contains(problem["cells"]!.AsArray(), c => ((string)c!["message"]!).Contains("школы «Пятая СОШ» в муниципалитете нет", StringComparison.Ordinal));
        Assert.Contains(problem["cells"]!.AsArray(), c => ((string)c!["message"]!).StartsWith("Ячейка Экзамены!D2 («Класс (для ВПР)»)", StringComparison.Ordinal));
        Assert.Contains("Ничего не сохранено", (string?)problem["detail"]);
        var year = await (await coordinator.GetAsync(Year)).ReadJsonAsync();
        Assert.Equal(35m, (decimal)year["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s1")!["qualityPercent"]!);

        // The template carries what the register holds.
        var template = await coordinator.GetAsync($"{Year}/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var again2 = await (await coordinator.UploadAsync($"{Year}/import", await template.Content.ReadAsByteArrayAsync())).ReadJsonAsync();
        Assert.Equal(0, (int)again2["changed"]!);

        await (await coordinator.UploadAsync($"{Year}/import", "not a workbook"u8.ToArray())).AssertProblemAsync(400, "file");
    }
}
