using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Features.Subscription;
using MethodDays.Features.Visits;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// The methodical subscription of the demo municipality: Кедровская ООШ and Озёрная СОШ in the project (agreed), Полянская
/// СОШ's application waiting for an answer, a handful of teachers' requests, and one practicum planned for both schools
/// with a session held a week ago. Deterministic.
/// </summary>
internal static class DemoSubscription
{
    public static async Task SeedAsync(SubscriptionStore store, StaffStore staff, TimeProvider time, CancellationToken ct)
    {
        const string m = DemoData.MunicipalityId;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(LocalTime.Now(time, DemoData.Municipality.TimeZone).DateTime);
        var year = SchoolYears.Of(today);
        (string School, string[] Criteria, string Text, string Status)[] applications =
        [
            ("kedrovka", ["request", "vpr"], "Итоги ВПР по математике в 5–6 классах ниже муниципальных; педагоги просят помощи с формирующим оцениванием.", SubscriptionRules.Agreed),
            ("ozernaya", ["vpr", "diagnostics"], "По входной диагностике у четырёх педагогов низкий уровень методической компетенции; итоги ВПР по русскому языку ниже муниципальных.", SubscriptionRules.Agreed),
            ("polyana", ["request"], "Молодые педагоги просят наставнической поддержки при подготовке уроков.", SubscriptionRules.Pending),
        ];
        foreach (var (school, criteria, text, status) in applications)
        {
            await store.AddAsync(new ApplicationEntity
            {
                PartitionKey = m, RowKey = SubscriptionStore.ApplicationKey(year, school), SchoolId = school, Year = year, Criteria = string.Join(',', criteria),
                Justification = text, Status = status, CreatedById = "demo", CreatedByName = DemoData.Members.First(x => x.SchoolIds.Contains(school) && x.Role == Role.SchoolAdmin).DisplayName,
                CreatedAt = now.AddDays(-30), AnsweredByName = status == SubscriptionRules.Pending ? null : "Соколова Ирина Павловна", AnsweredAt = status == SubscriptionRules.Pending ? null : now.AddDays(-28),
            }, ct);
        }

        var kedrovka = (await staff.ListAsync(m, "kedrovka", ct)).Where(t => t.Active).OrderBy(t => t.TeacherId, StringComparer.Ordinal).Take(3).ToList();
        var ozernaya = (await staff.ListAsync(m, "ozernaya", ct)).Where(t => t.Active).OrderBy(t => t.TeacherId, StringComparer.Ordinal).Take(2).ToList();
        var needs = new List<(string School, TeacherEntity? Teacher, string Topic, string Competence, string Form)>
        {
            ("kedrovka", kedrovka.ElementAtOrDefault(0), "Формирующее оценивание на уроке", "methodical", "practicum"),
            ("kedrovka", kedrovka.ElementAtOrDefault(1), "Формирующее оценивание на уроке", "methodical", "session"),
            ("ozernaya", ozernaya.ElementAtOrDefault(0), "Формирующее оценивание на уроке", "methodical", "practicum"),
            ("kedrovka", kedrovka.ElementAtOrDefault(2), "Цифровые тренажёры для отработки навыков", "digital", "master-class"),
            ("ozernaya", null, "Профилактика профессионального выгорания", "psychological", "consulting"),
        };
        var ids = new List<string>();
        foreach (var (n, i) in needs.Select((n, i) => (n, i)))
        {
            var id = $"demo-need-{i + 1}";
            ids.Add(id);
            await store.AddAsync(new NeedEntity
            {
                PartitionKey = m, RowKey = SubscriptionStore.NeedKey(year, id), NeedId = id, Year = year, SchoolId = n.School, TeacherId = n.Teacher?.TeacherId,
                TeacherName = n.Teacher?.FullName, Topic = n.Topic, TopicKey = SubscriptionRules.TopicKey(n.Topic), Competence = n.Competence,
                Subject = n.Teacher?.SubjectList.FirstOrDefault() ?? "", Form = n.Form, CreatedById = "demo", CreatedByName = n.Teacher?.FullName ?? "Смирнова Ольга Викторовна",
                CreatedAt = now.AddDays(-20 + i),
            }, ct);
        }

        var start = today.AddDays(-14);
        await store.AddAsync(new ModuleEntity
        {
            PartitionKey = m, RowKey = SubscriptionStore.ModuleKey("demo-module-1"), ModuleId = "demo-module-1", Year = year, Form = "practicum",
            Topic = "Формирующее оценивание на уроке", Competence = "methodical", LeadKind = "tutor", LeadName = "Лебедев Андрей Викторович", LeadMemberId = "lebedev",
            Hours = 6, StartDate = SubscriptionRules.Iso(start), EndDate = SubscriptionRules.Iso(start.AddDays(42)), Place = "Кедровская ООШ, кабинет 12",
            Schools = StoredJson.Write(new[] { "kedrovka", "ozernaya" }), Needs = StoredJson.Write(ids.Take(3)), CreatedById = "lebedev", CreatedAt = now.AddDays(-15),
            UpdatedByName = "Лебедев Андрей Викторович", UpdatedAt = now.AddDays(-15),
        }, ct);
        var came = kedrovka.Take(2).Select(t => new Attendee("kedrovka", t.TeacherId, t.FullName, "NoRoute"))
            .Concat(ozernaya.Take(1).Select(t => new Attendee("ozernaya", t.TeacherId, t.FullName, "NoRoute"))).ToList();
        var held = today.AddDays(-7);
        await store.AddAsync(new SessionEntity
        {
            PartitionKey = m, RowKey = SubscriptionStore.SessionKey("demo-module-1", $"{SubscriptionRules.Iso(held)}-demo01"), ModuleId = "demo-module-1",
            SessionId = $"{SubscriptionRules.Iso(held)}-demo01", Date = SubscriptionRules.Iso(held), Attendees = StoredJson.Write(came),
            Feedback = "Разобрали приёмы обратной связи на уроке; просят продолжение с разбором своих уроков.", RecordedById = "lebedev",
            RecordedByName = "Лебедев Андрей Викторович", RecordedAt = now.AddDays(-7),
        }, ct);
    }
}
