using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Progress;
using MethodDays.Features.SelfAssessment;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// A fictional municipality to try the app with: 12 schools (ООШ and СОШ, ШНОР among them, two leading schools
/// whose heads are curators, four schools with none of the programme's flags), a coordinator, a methodist, two curators, school admins and teachers, and sheets
/// for the past eight months with a rising trend so the charts and the summary mean something.
/// Seeded at start when <c>Demo:Seed</c> is true; skipped when the municipality already exists.
/// </summary>
public static class DemoData
{
    public const string MunicipalityId = "berezovsky";

    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:Seed", false))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }

    public static readonly Municipality Municipality = new(MunicipalityId, "Берёзовский муниципальный район", "Asia/Omsk");

    public static readonly IReadOnlyList<School> Schools =
    [
        new(MunicipalityId, "kedrovka", "Муниципальное бюджетное общеобразовательное учреждение «Кедровская основная общеобразовательная школа»", "Кедровская ООШ", SchoolKind.Basic, true, true, false),
        new(MunicipalityId, "lugovaya", "Муниципальное бюджетное общеобразовательное учреждение «Луговская средняя общеобразовательная школа»", "Луговская СОШ", SchoolKind.Secondary, true, true, false),
        new(MunicipalityId, "ozernaya", "Муниципальное бюджетное общеобразовательное учреждение «Озёрная средняя общеобразовательная школа»", "Озёрная СОШ", SchoolKind.Secondary, true, true, false),
        new(MunicipalityId, "sosnovka", "Муниципальное бюджетное общеобразовательное учреждение «Сосновская основная общеобразовательная школа»", "Сосновская ООШ", SchoolKind.Basic, true, true, false),
        new(MunicipalityId, "ryabinovka", "Муниципальное бюджетное общеобразовательное учреждение «Рябиновская средняя общеобразовательная школа»", "Рябиновская СОШ", SchoolKind.Secondary, false, true, false),
        new(MunicipalityId, "polyana", "Муниципальное бюджетное общеобразовательное учреждение «Полянская средняя общеобразовательная школа»", "Полянская СОШ", SchoolKind.Secondary, true, true, false),
        new(MunicipalityId, "kalinovka", "Муниципальное бюджетное общеобразовательное учреждение «Калиновская основная общеобразовательная школа»", "Калиновская ООШ", SchoolKind.Basic, false, false, false),
        new(MunicipalityId, "zarechnaya", "Муниципальное бюджетное общеобразовательное учреждение «Заречная средняя общеобразовательная школа»", "Заречная СОШ", SchoolKind.Secondary, false, false, false),
        new(MunicipalityId, "olkhovka", "Муниципальное бюджетное общеобразовательное учреждение «Ольховская средняя общеобразовательная школа»", "Ольховская СОШ", SchoolKind.Secondary, false, false, false),
        new(MunicipalityId, "cheremukha", "Муниципальное бюджетное общеобразовательное учреждение «Черёмуховская основная общеобразовательная школа»", "Черёмуховская ООШ", SchoolKind.Basic, false, false, false),
        new(MunicipalityId, "berezovka-1", "Муниципальное бюджетное общеобразовательное учреждение «Берёзовская средняя общеобразовательная школа № 1»", "Берёзовская СОШ № 1", SchoolKind.Secondary, false, false, true),
        new(MunicipalityId, "berezovka-2", "Муниципальное бюджетное общеобразовательное учреждение «Берёзовская средняя общеобразовательная школа № 2»", "Берёзовская СОШ № 2", SchoolKind.Secondary, false, false, true),
    ];

    public static readonly IReadOnlyList<Member> Members =
    [
        new(MunicipalityId, "sokolova", "Соколова Ирина Павловна", "sokolova@berezovsky.example", Role.Coordinator, [], true),
        new(MunicipalityId, "lebedev", "Лебедев Андрей Викторович", "lebedev@berezovsky.example", Role.Methodist, [], true),
        // Curators are heads of the leading schools (seed 001 §2.3), assigned to three schools each.
        new(MunicipalityId, "morozova", "Морозова Елена Сергеевна", "morozova@berezovsky.example", Role.Curator, ["kedrovka", "lugovaya", "ozernaya"], true),
        new(MunicipalityId, "kuznetsova", "Кузнецова Наталья Ивановна", "kuznetsova@berezovsky.example", Role.Curator, ["sosnovka", "ryabinovka", "polyana"], true),
        new(MunicipalityId, "petrova", "Петрова Светлана Николаевна", "petrova@kedrovka.example", Role.SchoolAdmin, ["kedrovka"], true),
        new(MunicipalityId, "ivanov", "Иванов Сергей Александрович", "ivanov@lugovaya.example", Role.SchoolAdmin, ["lugovaya"], true),
        new(MunicipalityId, "smirnova", "Смирнова Ольга Викторовна", "smirnova@ozernaya.example", Role.SchoolAdmin, ["ozernaya"], true),
        new(MunicipalityId, "vasilieva", "Васильева Татьяна Петровна", "vasilieva@sosnovka.example", Role.SchoolAdmin, ["sosnovka"], true),
        new(MunicipalityId, "popov", "Попов Дмитрий Игоревич", "popov@ryabinovka.example", Role.SchoolAdmin, ["ryabinovka"], true),
        new(MunicipalityId, "novikova", "Новикова Марина Алексеевна", "novikova@polyana.example", Role.SchoolAdmin, ["polyana"], true),
        new(MunicipalityId, "gavrilova", "Гаврилова Елена Михайловна", "gavrilova@kalinovka.example", Role.SchoolAdmin, ["kalinovka"], true),
        new(MunicipalityId, "tarasov", "Тарасов Виктор Павлович", "tarasov@zarechnaya.example", Role.SchoolAdmin, ["zarechnaya"], true),
        new(MunicipalityId, "zimina", "Зимина Ольга Николаевна", "zimina@olkhovka.example", Role.SchoolAdmin, ["olkhovka"], true),
        new(MunicipalityId, "kiseleva", "Киселёва Людмила Андреевна", "kiseleva@cheremukha.example", Role.SchoolAdmin, ["cheremukha"], true),
        new(MunicipalityId, "fedorov", "Фёдоров Алексей Николаевич", "fedorov@berezovka1.example", Role.SchoolAdmin, ["berezovka-1"], true),
        new(MunicipalityId, "volkova", "Волкова Анна Сергеевна", "volkova@berezovka2.example", Role.SchoolAdmin, ["berezovka-2"], true),
        new(MunicipalityId, "orlova", "Орлова Юлия Владимировна", "orlova@kedrovka.example", Role.Teacher, ["kedrovka"], true),
        new(MunicipalityId, "zaitsev", "Зайцев Павел Андреевич", "zaitsev@kedrovka.example", Role.Teacher, ["kedrovka"], true),
        new(MunicipalityId, "pavlova", "Павлова Ксения Дмитриевна", "pavlova@lugovaya.example", Role.Teacher, ["lugovaya"], true),
        new(MunicipalityId, "semenov", "Семёнов Игорь Олегович", "semenov@ozernaya.example", Role.Teacher, ["ozernaya"], true),
    ];

    /// <summary>
    /// Answers for a school and month: each indicator's chance of 2 or 1 rises with the school's starting level and
    /// the months of work since. Deterministic (seeded), so every run shows the same picture.
    /// </summary>
    public static Dictionary<string, string> Answers(SheetTemplate template, School school, int monthIndex)
    {
        var start = school.Id switch
        {
            "berezovka-1" or "berezovka-2" => 0.78,
            "ryabinovka" or "olkhovka" => 0.55,
            "zarechnaya" or "cheremukha" => 0.48,
            "kalinovka" => 0.42,
            "lugovaya" or "ozernaya" => 0.40,
            _ => 0.30,
        };
        var level = Math.Min(0.95, start + 0.045 * monthIndex);
        // A fixed seed (HashCode.Combine differs from run to run).
        var random = new Random(school.Id.Aggregate(17, (h, c) => unchecked((h * 31) + c)) + (monthIndex * 7919));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in template.Indicators)
        {
            // An ООШ has no grades 10–11 and no ЕГЭ (DOMAIN.md §2a).
            if (school.Kind == SchoolKind.Basic && (item.SeniorGradesOnly || item.Text.Contains("ЕГЭ", StringComparison.Ordinal)))
            {
                values[item.Id] = Answer.NotApplicable;
                continue;
            }

            var roll = random.NextDouble();
            values[item.Id] = roll < level * level ? "2" : roll < level ? "1" : "0";
        }

        return values;
    }
}

/// <summary>Writes the demo data through the same stores the API uses.</summary>
internal sealed class DemoSeeder(
    DirectoryStore directory, SheetStore sheets, SheetTemplates templates, CycleStore cycle, ProgressStore progress, HelpPlanStore helpPlans,
    ProgressTemplates progressTemplates, PracticeStore practices, PracticeFileStore practiceFiles, Staff.StaffStore staff, Visits.VisitStore visits,
    Visits.VisitYearStore visitYear, Observations.ProtocolTemplateStore protocolTemplates, Subscription.SubscriptionStore subscription,
    TimeProvider time, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await directory.GetMunicipalityAsync(DemoData.MunicipalityId, cancellationToken) is not null)
            {
                return;
            }

            var started = time.GetTimestamp();
            await SeedAsync(cancellationToken);
            logger.LogInformation("Demo municipality «{Name}» seeded in {Seconds:0.0} s", DemoData.Municipality.Name, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Seeding demo data failed; the app runs without it");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken ct)
    {
        foreach (var school in DemoData.Schools)
        {
            await directory.UpsertSchoolAsync(school, ct);
        }

        foreach (var member in DemoData.Members)
        {
            await directory.SaveMemberAsync(member, identityId: null, ct);
        }

        var template = templates.Current;
        var current = LocalTime.CurrentMonth(time, DemoData.Municipality.TimeZone);
        var first = current;
        for (var i = 0; i < 8; i++)
        {
            first = first.Previous;
        }

        var admins = DemoData.Members.Where(m => m.Role == Role.SchoolAdmin).ToDictionary(m => m.SchoolIds[0]);
        var monthIndex = 0;
        for (var month = first; month <= current; month = month.Next, monthIndex++)
        {
            // The schools' sheets of a month are separate rows: written side by side, so twelve schools seed as fast as eight.
            var (m, mi) = (month, monthIndex);
            await Task.WhenAll(DemoData.Schools.Select((school, index) => SheetAsync(school, index, m, mi)));
        }

        async Task SheetAsync(School school, int index, YearMonth month, int monthIndex)
        {
            var submittedAt = new DateTimeOffset(month.LastDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            var user = new CurrentUser(admins[school.Id]);
            var values = DemoData.Answers(template, school, monthIndex);
            if (month == current)
            {
                // This month is in progress: four schools submitted, one has a draft, the rest have not started.
                if (index >= 4)
                {
                    if (index == 4)
                    {
                        var partial = values.Take(30).ToDictionary();
                        await sheets.SaveDraftAsync(school.MunicipalityId, school.Id, month, template.Version, partial, user, null, time.GetUtcNow(), ct);
                    }

                    return;
                }

                submittedAt = time.GetUtcNow().AddHours(-index - 1);
            }

            // A school occasionally skips a month, as real ones do.
            if (month != current && school.Id == "polyana" && monthIndex == 3)
            {
                return;
            }

            await sheets.SubmitAsync(school.MunicipalityId, school.Id, month, template.Version, values, user, null, submittedAt, ct);
        }

        await DemoCycle.SeedAsync(cycle, time, ct);
        await DemoProgress.SeedAsync(directory, progress, helpPlans, progressTemplates, time, ct);
        await DemoBank.SeedAsync(practices, practiceFiles, cycle, time, ct);
        await DemoStaff.SeedAsync(staff, time, ct);
        await DemoVisits.SeedAsync(visits, staff, time, ct);
        await DemoVisitYear.SeedAsync(visitYear, staff, protocolTemplates.Shipped.Current, DateOnly.FromDateTime(LocalTime.Now(time, DemoData.Municipality.TimeZone).DateTime), ct);
        await DemoSubscription.SeedAsync(subscription, staff, time, ct);

        // The municipality row goes last: its presence means the seed completed.
        await directory.UpsertMunicipalityAsync(DemoData.Municipality, ct);
    }
}
