using MethodDays.Features.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>
/// The coordinator's (or a methodist's) answer to a school's question is announced to the asking school's
/// administration — its school admins, not only whoever typed the question — as a notice of the comment kind (the
/// feed always, e-mail unless turned off). Attached to the answer route as a filter: it runs after a successful
/// answer and reads what the answer returned. The notice's id comes from the question and the answer's text, so a
/// retried request tells once, and a corrected answer is told again.
/// </summary>
internal static class AnswerNotices
{
    public static RouteHandlerBuilder AnnouncedToSchool(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is INestedHttpResult { Result: Ok<QuestionView> { Value: { Answer: { } answer } question } })
            {
                var http = context.HttpContext;
                var municipalityId = (string)http.GetRouteValue("municipalityId")!;
                var week = (string)http.GetRouteValue("week")!;
                await TellAsync(http.RequestServices.GetRequiredService<SchoolNotices>(), municipalityId, week, question, answer, http.RequestAborted);
            }

            return result;
        });

    /// <summary>Tells the asking school's administration about an answer (also used by the answer to several questions).</summary>
    public static Task<int> TellAsync(SchoolNotices notices, string municipalityId, string week, QuestionView question, string answer, CancellationToken ct) =>
        notices.TellAdministrationAsync(
            municipalityId, question.SchoolId, $"answer|{week}|{question.Id}|{answer}", NotificationKind.Comment,
            $"Ответ на вопрос школы «{question.SchoolName}»", Text(question, answer), $"/#/week/{week}", ct);

    private static string Text(QuestionView q, string answer) =>
        $"{q.AnsweredByName ?? "Координатор"} ответил(а) на вопрос школы «{q.SchoolName}», который задал(а) {q.AskedByName}:\n" +
        $"«{q.Text}»\n\nОтвет: {answer}";
}
