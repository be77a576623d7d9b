using Microsoft.Extensions.Options;

namespace MethodDays.Platform.Web;

/// <summary>
/// The app's public address (setting <c>PublicUrl</c>, e.g. <c>https://emd.example.ru</c>): every link the app hands
/// out to be opened later — in an e-mail, a calendar subscription — starts with it. Never taken from the request: a
/// forged <c>Host</c> header would otherwise put someone else's address into a link the app vouches for.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Key = "PublicUrl";

    /// <summary>Absolute http(s) address without a path; the local default suits a laptop only.</summary>
    public string PublicUrl { get; set; } = "http://localhost:7071";

    /// <summary>An absolute link to an app path (<c>/api/…</c> or <c>/#/…</c>).</summary>
    public string Link(string path) => PublicUrl.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);

    internal bool IsValid() =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

public static class PublicUrlSetup
{
    public static IServiceCollection AddPublicUrl(this IServiceCollection services)
    {
        services.AddOptions<PublicUrlOptions>()
            .Configure<IConfiguration>((o, configuration) => o.PublicUrl = configuration[PublicUrlOptions.Key] is { Length: > 0 } url ? url : o.PublicUrl)
            .Validate(o => o.IsValid(), "PublicUrl must be an absolute http(s) address without a path, e.g. https://emd.example.ru")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PublicUrlOptions>>().Value);
        return services;
    }
}
