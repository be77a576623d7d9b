using System.Globalization;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Progress;

/// <summary>The checks of the sheet's lists: methodical days, requests for help, teachers.</summary>
public static partial class ProgressRules
{
    private static List<MethodicalDay> CheckDays(ProgressTemplate template, IReadOnlyList<DayInput?>? input, Context context, bool requireComplete, FieldErrors errors)
    {
        var limits = template.Limits;
        var days = new List<MethodicalDay>();
        if (!Over(input, "days", limits.Days, "ЕМД", errors))
        {
            return days;
        }

        for (var i = 0; i < input!.Count; i++)
        {
            var field = $"days[{i}]";
            if (input[i] is not { } day)
            {
                errors.Add(field, "Пустая строка: заполните её или удалите.");
                continue;
            }

            string? date = null;
            if (!string.IsNullOrWhiteSpace(day.Date))
            {
                if (!DateOnly.TryParseExact(day.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    errors.Add($"{field}.date", "Дата указывается как ГГГГ-ММ-ДД, например 2026-11-12.");
                }
                else if (YearMonth.Of(d) != context.Month)
                {
                    errors.Add($"{field}.date", $"Дата должна быть в пределах отчётного месяца: {context.Month.RussianName} ({context.Month.FirstDay.Day}–{context.Month.LastDay.ToString("d MMMM", Russian)}).");
                }
                else if (d > context.Today)
                {
                    errors.Add($"{field}.date", $"В листе отмечаются проведённые ЕМД, а {d.ToString("d MMMM", Russian)} ещё не наступило.");
                }
                else
                {
                    date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
            }
            else if (requireComplete)
            {
                errors.Add($"{field}.date", "Укажите дату проведения ЕМД.");
            }

            var form = day.Form?.Trim();
            if (string.IsNullOrEmpty(form))
            {
                form = null;
                if (requireComplete)
                {
                    errors.Add($"{field}.form", "Выберите форму проведения ЕМД.");
                }
            }
            else if (template.Forms.All(f => f.Id != form))
            {
                errors.Add($"{field}.form", $"Такой формы нет. Выберите одну из: {string.Join(", ", template.Forms.Select(f => f.Label))}.");
            }

            var other = Text(day.FormOther, $"{field}.formOther", limits.FormOther, "Форма проведения", errors);
            if (form == OtherForm && other is null && requireComplete)
            {
                errors.Add($"{field}.formOther", "Выбрано «другое»: опишите форму проведения словами.");
            }

            var topic = Text(day.Topic, $"{field}.topic", limits.DayTopic, "Тема", errors);
            var topicWeek = string.IsNullOrWhiteSpace(day.TopicWeek) ? null : day.TopicWeek.Trim().ToUpperInvariant();
            if (topicWeek is not null)
            {
                if (context.Topics?.GetValueOrDefault(topicWeek) is { } title)
                {
                    topic = title;
                }
                else
                {
                    errors.Add($"{field}.topic", "Такой опубликованной темы ЕМД в этом месяце нет. Выберите тему из списка или впишите её словами.");
                    topicWeek = null;
                }
            }

            double? share = null;
            if (day.SharePercent is { } p)
            {
                if (double.IsNaN(p) || p < limits.ShareMin || p > limits.ShareMax)
                {
                    errors.Add($"{field}.sharePercent", $"Доля педагогов — число от {limits.ShareMin:0} до {limits.ShareMax:0} (процентов).");
                }
                else
                {
                    share = Math.Round(p, 1);
                }
            }
            else if (requireComplete)
            {
                errors.Add($"{field}.sharePercent", "Укажите долю педагогов, принявших участие (в процентах).");
            }

            days.Add(new MethodicalDay(date, form, form == OtherForm ? other : null, topic, share, topicWeek));
        }

        return days;
    }

    private static List<HelpRequest> CheckRequests(ProgressTemplate template, IReadOnlyList<RequestInput?>? input, bool requireComplete, FieldErrors errors)
    {
        var limits = template.Limits;
        var requests = new List<HelpRequest>();
        if (!Over(input, "requests", limits.Requests, "запросов на помощь", errors))
        {
            return requests;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input!.Count; i++)
        {
            var field = $"requests[{i}]";
            if (input[i] is not { } request)
            {
                errors.Add(field, "Пустая строка: заполните её или удалите.");
                continue;
            }

            var id = request.Id?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(id))
            {
                // A new request's id comes from its place and text, so a retried submission carries the same ids.
                id = NewRequestId(i, request, ids);
            }
            else if (!RequestId().IsMatch(id))
            {
                errors.Add($"{field}.id", "Код запроса: латинские буквы, цифры и дефис, до 40 знаков. Для нового запроса не указывайте его.");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{field}.id", "Этот код запроса уже есть в листе.");
            }

            var topic = Text(request.Topic, $"{field}.topic", limits.RequestTopic, "Тема запроса", errors);
            var text = Text(request.Text, $"{field}.text", limits.RequestText, "Текст запроса", errors);
            if (requireComplete && topic is null)
            {
                errors.Add($"{field}.topic", "Укажите тему запроса.");
            }

            if (requireComplete && text is null)
            {
                errors.Add($"{field}.text", "Опишите, в чём нужна помощь.");
            }

            requests.Add(new HelpRequest(id, topic, text));
        }

        return requests;
    }

    private static List<TeacherProgress> CheckTeachers(ProgressTemplate template, IReadOnlyList<TeacherInput?>? input, Context context, bool requireComplete, FieldErrors errors)
    {
        var limits = template.Limits;
        var teachers = new List<TeacherProgress>();
        if (requireComplete && (input is null || input.Count == 0))
        {
            errors.Add("teachers", "Добавьте педагогов школы: у каждого — практика, выбранная на учебный год, и этап работы с ней.");
            return teachers;
        }

        if (!Over(input, "teachers", limits.Teachers, "педагогов", errors))
        {
            return teachers;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input!.Count; i++)
        {
            var field = $"teachers[{i}]";
            if (input[i] is not { } teacher)
            {
                errors.Add(field, "Пустая строка: заполните её или удалите.");
                continue;
            }

            var personId = string.IsNullOrWhiteSpace(teacher.PersonId) ? null : teacher.PersonId.Trim();
            var name = Text(teacher.Name, $"{field}.name", limits.TeacherName, "ФИО", errors);
            if (personId is not null)
            {
                var member = context.SchoolTeachers.FirstOrDefault(m => m.PersonId == personId);
                if (member is null)
                {
                    errors.Add($"{field}.personId", "Такого педагога нет среди педагогов школы в MethodDays. Выберите из списка или впишите ФИО.");
                }
                else
                {
                    name = member.DisplayName;
                }
            }
            else if (name is null && requireComplete)
            {
                errors.Add($"{field}.name", "Выберите педагога из списка или впишите ФИО.");
            }

            var key = personId ?? (name is null ? null : NameKey(name));
            if (key is not null && !seen.Add(key))
            {
                errors.Add(personId is null ? $"{field}.name" : $"{field}.personId", "Этот педагог уже есть в листе.");
            }

            var practice = Text(teacher.Practice, $"{field}.practice", limits.Practice, "Практика", errors);
            var practiceId = string.IsNullOrWhiteSpace(teacher.PracticeId) ? null : teacher.PracticeId.Trim();
            if (practiceId is not null)
            {
                if (context.Practices?.GetValueOrDefault(practiceId) is { } title)
                {
                    practice = title.Length > limits.Practice ? title[..limits.Practice] : title;
                }
                else
                {
                    errors.Add($"{field}.practice", "Такой практики в банке нет. Выберите практику из банка или впишите её словами.");
                    practiceId = null;
                }
            }
            if (practice is null && requireComplete)
            {
                errors.Add($"{field}.practice", "Укажите практику, выбранную педагогом на учебный год.");
            }

            var stage = teacher.Stage?.Trim();
            if (string.IsNullOrEmpty(stage))
            {
                stage = null;
                if (requireComplete)
                {
                    errors.Add($"{field}.stage", "Отметьте этап: изучаю, апробирую, применяю или делюсь опытом.");
                }
            }
            else if (template.StageOrder(stage) < 0)
            {
                errors.Add($"{field}.stage", $"Такого этапа нет. Этапы: {string.Join(", ", template.Stages.Select(s => $"{s.Id} ({s.Label.ToLower(Russian)})"))}.");
            }

            var help = Text(teacher.Help, $"{field}.help", limits.Help, "Нужная помощь", errors);
            teachers.Add(new TeacherProgress(personId, name, practice, stage, help, practiceId));
        }

        return teachers;
    }

    private static string NewRequestId(int index, RequestInput request, HashSet<string> taken)
    {
        var hash = ProgressJson.Hash($"{index}\n{request.Topic?.Trim()}\n{request.Text?.Trim()}").ToLowerInvariant();
        var id = "r" + hash[..10];
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"r{hash[..10]}-{n}";
        }

        return id;
    }
}
