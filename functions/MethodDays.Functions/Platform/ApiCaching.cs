using Microsoft.Net.Http.Headers;

namespace MethodDays.Platform;

/// <summary>
/// API answers are personal (a school's sheet, a person's feed): no browser, proxy or shared computer may keep them.
/// Every <c>/api</c> answer that did not say how it may be cached gets <c>Cache-Control: no-store</c>; the few
/// that may be kept (templates, files behind a signed link) set their own header and keep it.
/// </summary>
public static class ApiCaching
{
    public static IApplicationBuilder UseNoStoreForApi(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(static state =>
                {
                    var response = (HttpResponse)state;
                    if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
                    {
                        response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                }, context.Response);
            }

            return next(context);
        });
}
