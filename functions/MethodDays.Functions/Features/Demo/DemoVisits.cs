using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Features.Visits;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// School visits of the demo municipality: this school year's results of every school (the ШНОР schools below the
/// municipality's means, the leader schools above), the years on the ШНОР list, a school's request for next month,
/// and one planned «Методический день» in Озёрная СОШ ten days ahead with a team of six and two lessons.
/// Deterministic, so every run shows the same candidates list.
/// </summary>
internal static class DemoVisits
{
    /// <summary>Quality, attainment, olympiad prize-winners above the school stage, teachers in innovation work, ОГЭ maths and ЕГЭ Russian means.</summary>
    private static readonly Dictionary<string, (double Quality, double Attainment, int Winners, int Innovation, decimal Oge, decimal Ege)> Figures = new()
    {
        ["kedrovka"] = (29, 91, 0, 0, 3.1m, 0),
        ["lugovaya"] = (36, 95, 0, 1, 3.3m, 58),
        ["ozernaya"] = (33, 93.5, 0, 0, 3.2m, 55),
        ["sosnovka"] = (41, 97, 1, 2, 3.5m, 0),
        ["ryabinovka"] = (47, 98, 2, 3, 3.7m, 66),
        ["polyana"] = (38, 96, 0, 1, 3.4m, 61),
        ["kalinovka"] = (39, 96.5, 0, 1, 3.4m, 0),
        ["zarechnaya"] = (46, 98, 1, 2, 3.6m, 65),
        ["olkhovka"] = (50, 98.5, 2, 3, 3.8m, 69),
        ["cheremukha"] = (44, 97.5, 1, 1, 3.6m, 0),
        ["berezovka-1"] = (64, 100, 9, 12, 4.2m, 78),
        ["berezovka-2"] = (58, 99.5, 6, 8, 4.0m, 74),
    };

    public static async Task SeedAsync(VisitStore store, StaffStore staff, TimeProvider time, CancellationToken ct)
    {
        var zone = LocalTime.Zone(DemoData.Municipality.TimeZone);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var year = SchoolYears.Of(today);
        const decimal MunOge = 3.6m, CityOge = 3.7m, MunEge = 68m, CityEge = 70m;
        var rows = new List<(Azure.Data.Tables.ITableEntity, bool)>();
        foreach (var school in DemoData.Schools)
        {
            var f = Figures[school.Id];
            List<ExamResult> exams = [new("OGE", "ОГЭ", "Математика", null, f.Oge, MunOge, CityOge), new("VPR", "ВПР", "Русский язык", 5, f.Oge - 0.1m, 3.5m, 3.6m)];
            if (school.Kind == SchoolKind.Secondary)
            {
                exams.Add(new("EGE", "ЕГЭ", "Русский язык", null, f.Ege, MunEge, CityEge));
            }

            rows.Add((new ResultsEntity
            {
                PartitionKey = DemoData.MunicipalityId, RowKey = VisitStore.ResultsKey(year, school.Id), SchoolId = school.Id, Year = year,
                QualityPercent = f.Quality, AttainmentPercent = f.Attainment, OlympiadSchoolParticipants = 20 + (f.Winners * 6), OlympiadSchoolWinners = 3 + f.Winners,
                OlympiadHigherParticipants = 2 + (f.Winners * 2), OlympiadHigherWinners = f.Winners, InnovationTeachers = f.Innovation,
                Exams = StoredJson.Write(exams), UpdatedById = "lebedev", UpdatedByName = "Лебедев Андрей Викторович", UpdatedAt = now,
            }, true));
            // The years on the ШНОР list as they stand after the past school year (four schools left the list at its end).
            if (DemoVisitYear.Shnor.TryGetValue(school.Id, out var shnor))
            {
                rows.Add((new ShnorEntity
                {
                    PartitionKey = DemoData.MunicipalityId, RowKey = VisitStore.ShnorKey(school.Id), SchoolId = school.Id, From = shnor.From,
                    To = shnor.Left ? DemoVisitYear.Year(today) : null,
                }, false));
            }
        }

        await store.WriteResultsAsync(rows, ct);

        var next = YearMonth.Of(today).Next;
        await store.AddRequestAsync(new VisitRequestEntity
        {
            PartitionKey = DemoData.MunicipalityId, RowKey = VisitStore.RequestKey("polyana", next.ToString()), SchoolId = "polyana", Month = next.ToString(),
            Reason = "Просим помочь выстроить внутришкольный контроль подготовки к ОГЭ по математике: результаты пробных экзаменов ниже муниципальных.",
            CreatedById = "novikova", CreatedByName = "Новикова Марина Алексеевна", CreatedAt = now,
        }, ct);

        var date = today.AddDays(10);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        var teachers = (await staff.ListAsync(DemoData.MunicipalityId, "ozernaya", ct)).Where(t => t.Active).ToList();
        var maths = teachers.First(t => t.SubjectList.Contains("Математика"));
        var russian = teachers.First(t => t.SubjectList.Contains("Русский язык"));
        List<TeamMember> team =
        [
            new("lebedev", "Лебедев Андрей Викторович", nameof(Role.Methodist), "leader", "руководитель группы", null),
            new("sokolova", "Соколова Ирина Павловна", nameof(Role.Coordinator), "analyst", "аналитик направления", null),
            new("morozova", "Морозова Елена Сергеевна", nameof(Role.Curator), "observer", "наблюдатель на уроках", null),
            new("kuznetsova", "Кузнецова Наталья Ивановна", nameof(Role.Curator), "observer", "наблюдатель на уроках", null),
            new("fedorov", "Фёдоров Алексей Николаевич", nameof(Role.SchoolAdmin), "documents", "эксперт по документам", "Берёзовская СОШ № 1"),
            new("volkova", "Волкова Анна Сергеевна", nameof(Role.SchoolAdmin), "analyst", "аналитик направления", "Берёзовская СОШ № 2"),
        ];
        List<Lesson> lessons =
        [
            new(maths.TeacherId, maths.FullName, "Математика", "9А", 2, "09:00", "09:40", "14", ["morozova"]),
            new(russian.TeacherId, russian.FullName, "Русский язык", "7Б", 3, "09:55", "10:35", "21", ["kuznetsova"]),
        ];
        await store.AddVisitAsync(new VisitEntity
        {
            PartitionKey = DemoData.MunicipalityId,
            RowKey = VisitStore.VisitKey("demo0visit01"),
            SchoolId = "ozernaya",
            Date = VisitRules.Iso(date),
            Purpose = "Адресная помощь школе: качество подготовки к ГИА по математике и русскому языку, внутришкольный контроль.",
            Directions = StoredJson.Write(new[] { "control", "failure", "gia-quality" }),
            Team = StoredJson.Write(team),
            Lessons = StoredJson.Write(lessons),
            TeamIds = "," + string.Concat(team.Select(t => t.PersonId + ",")),
            CreatedById = "lebedev", CreatedAt = now, UpdatedById = "lebedev", UpdatedByName = "Лебедев Андрей Викторович", UpdatedAt = now,
        }, ct);
    }
}
