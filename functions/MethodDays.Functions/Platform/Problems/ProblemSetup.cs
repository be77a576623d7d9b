using Azure;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Platform.Problems;

/// <summary>
/// Every error answer is problem+json with a Russian title and detail. Storage failures are mapped here, once:
/// 412/409 → conflict, 404 → not found, unreachable or not answering within a person's budget → 503 with
/// Retry-After; a client that went away gets no error logged.
/// </summary>
public static class ProblemSetup
{
    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (Titles.TryGetValue(status, out var title) && (ctx.ProblemDetails.Title is null || IsEnglishDefault(ctx.ProblemDetails.Title)))
            {
                ctx.ProblemDetails.Title = title;
            }

            if (ctx.ProblemDetails is HttpValidationProblemDetails validation)
            {
                // Field names as the page sends them (camelCase), whoever produced the errors.
                var renamed = validation.Errors.ToDictionary(kv => CamelCase(kv.Key), kv => kv.Value);
                validation.Errors.Clear();
                foreach (var (key, value) in renamed)
                {
                    validation.Errors[key] = value;
                }

                ctx.ProblemDetails.Title = "Данные не прошли проверку";
                ctx.ProblemDetails.Detail ??= "Исправьте отмеченные поля и отправьте ещё раз.";
            }

            ctx.ProblemDetails.Detail ??= status switch
            {
                401 => "Войдите в систему, чтобы продолжить.",
                403 => "У вас нет доступа к этим данным.",
                404 => "Такого адреса нет.",
                405 => "Этот адрес не принимает такой запрос.",
                415 => "Данные нужно отправлять в формате JSON (Content-Type: application/json).",
                _ => null,
            };
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<KnownExceptionHandler>();
        return builder;
    }

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    internal static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Неверный запрос",
        [401] = "Требуется вход в систему",
        [403] = "Нет доступа",
        [404] = "Не найдено",
        [405] = "Метод не поддерживается",
        [409] = "Конфликт изменений",
        [412] = "Конфликт изменений",
        [413] = "Слишком большой запрос",
        [415] = "Неподдерживаемый формат",
        [422] = "Данные не прошли проверку",
        [428] = "Нужна версия записи",
        [429] = "Слишком много запросов",
        [500] = "Внутренняя ошибка",
        [503] = "Сервис временно недоступен",
    };

    private static bool IsEnglishDefault(string title) => title.Length > 0 && title[0] < 128;

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length > 0 && char.IsUpper(p[0]) ? char.ToLowerInvariant(p[0]) + p[1..] : p));
}

/// <summary>Turns exceptions we understand into problem+json; anything else stays a logged 500 with no details.</summary>
internal sealed class KnownExceptionHandler(IProblemDetailsService problems, ILogger<KnownExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, context);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Detail = "Произошла внутренняя ошибка. Ваши данные не сохранены частично; попробуйте ещё раз или сообщите администратору.",
            };
        }

        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "10";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails? Map(Exception exception, HttpContext context)
    {
        if (context.RequestAborted.IsCancellationRequested && IsStorageUnanswered(exception))
        {
            // The person closed the page or lost the line while storage was slow: nobody to answer, and nothing is
            // wrong on our side, so no error in the log (the framework does the same for a bare cancellation).
            logger.LogDebug("Client went away during {Method} {Path}", context.Request.Method, context.Request.Path);
            return new ProblemDetails { Status = 499, Detail = "Запрос отменён." };
        }

        switch (exception)
        {
            case BadHttpRequestException { StatusCode: 413 }:
                return new ProblemDetails { Status = 413, Detail = "Запрос слишком большой. Уменьшите объём данных." };
            case BadHttpRequestException bad when bad.InnerException is System.Text.Json.JsonException json:
                return Malformed(json.Path);
            case BadHttpRequestException bad:
                return new ProblemDetails { Status = bad.StatusCode, Detail = "Запрос не удалось прочитать: проверьте формат данных." };
            case System.Text.Json.JsonException json:
                return Malformed(json.Path);
            case RequestFailedException { Status: 412 or 409 }:
                return new ProblemDetails { Status = 409, Detail = "Запись изменил кто-то другой. Обновите страницу и повторите изменения." };
            case RequestFailedException { Status: 404 }:
                return new ProblemDetails { Status = 404, Detail = "Запись не найдена." };
            case RequestFailedException { Status: 0 or >= 500 } failed:
                logger.LogWarning("Storage unavailable on {Method} {Path}: {Status} {Code}", context.Request.Method, context.Request.Path, failed.Status, failed.ErrorCode);
                return Unavailable();
            case StorageTimeoutException or AggregateException or HttpRequestException or OperationCanceledException when IsStorageUnanswered(exception):
                // Refused, reset, or accepted and never answered (a frozen service): the person's budget ran out.
                logger.LogWarning("Storage did not answer on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
                return Unavailable();
            default:
                return null;
        }
    }

    /// <summary>Storage refused, reset, timed out or was given up on — after the SDK's retries, possibly several of these.</summary>
    private static bool IsStorageUnanswered(Exception exception) => exception switch
    {
        AggregateException agg => agg.InnerExceptions.Count > 0 && agg.InnerExceptions.All(IsStorageUnanswered),
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        StorageTimeoutException or HttpRequestException or OperationCanceledException or IOException => true,
        _ => false,
    };

    private static ProblemDetails Malformed(string? path) => new()
    {
        Status = 400,
        Detail = "Тело запроса — неверный JSON" + (string.IsNullOrEmpty(path) ? "." : $" (место: {path})."),
    };

    private static ProblemDetails Unavailable() => new()
    {
        Status = 503,
        Detail = "Хранилище данных временно недоступно. Ничего не сохранено; черновик остаётся у вас — повторите через минуту.",
    };
}
