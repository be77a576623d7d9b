namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// How a form is named in the messages the core writes: <c>Noun</c> as in «заполнить лист продвижения»,
/// <c>Genitive</c> as in «редакции листа продвижения», <c>Dative</c> as in «комментарий к листу продвижения»;
/// <c>Page</c> is the page's address in the app (<c>#/{Page}/{school}/{month}</c>), for links in notices.
/// </summary>
public sealed record FormNames(string Noun, string Genitive, string Dative, string Page)
{
    /// <summary>The sheet's page, relative to the configured public address (the mail sender puts that in front).</summary>
    public string Link(string schoolId, string month) => $"/#/{Page}/{Uri.EscapeDataString(schoolId)}/{month}";

    public string FutureMonth(string month, string current) => $"Нельзя заполнить {Noun} за будущий месяц ({month}): сейчас {current}.";

    public string NoRevision(int number, string month) => $"Редакции №{number} {Genitive} за {month} нет.";

    public string NotSubmittedForComment => $"Комментировать можно отправленный лист; школа ещё не отправила {Noun} за этот месяц.";

    public string ChangedMeanwhile(string? by) =>
        $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]} уже изменил(а) {by ?? "другой пользователь"}. Ваши изменения не потеряны: сравните их с текущей версией и сохраните ещё раз.";

    public string ChangedTheSameFields(string? by, int count) =>
        $"{Capital} одновременно с вами изменил(а) {by ?? "другой пользователь"}: {Fields(count)} вы и он(а) ответили по-разному. Выберите, какой ответ оставить; остальные изменения — ваши и чужие — сохранены вместе.";

    public string ChangedElsewhereByYou =>
        $"{Capital} уже изменён от вашего имени в другом окне или вкладке. Выберите, какой ответ оставить; остальные изменения сохранены вместе.";

    private string Capital => $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]}";

    private static string Fields(int n) => (n % 10, n % 100) switch
    {
        (1, not 11) => $"в {n} поле",
        _ => $"в {n} полях",
    };
}
