namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// How a form is named in the messages the core writes: <c>Noun</c> as in «заполнить лист продвижения»,
/// <c>Genitive</c> as in «редакции листа продвижения».
/// </summary>
public sealed record FormNames(string Noun, string Genitive)
{
    public string FutureMonth(string month, string current) => $"Нельзя заполнить {Noun} за будущий месяц ({month}): сейчас {current}.";

    public string NoRevision(int number, string month) => $"Редакции №{number} {Genitive} за {month} нет.";

    public string NotSubmittedForComment => $"Комментировать можно отправленный лист; школа ещё не отправила {Noun} за этот месяц.";

    public string ChangedMeanwhile(string? by) =>
        $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]} уже изменил(а) {by ?? "другой пользователь"}. Ваши изменения не потеряны: сравните их с текущей версией и сохраните ещё раз.";
}
