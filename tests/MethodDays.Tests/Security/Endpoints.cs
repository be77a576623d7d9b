using System.Text.RegularExpressions;
using MethodDays.Features.People;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Security;

/// <summary>The app's own endpoint list, with sample values for route parameters, to generate security tests from.</summary>
internal static partial class Endpoints
{
    /// <summary>Endpoints that are open on purpose. Anything else must require a signed-in member.</summary>
    public static readonly HashSet<string> Anonymous = ["ClientConfig", "Health", "OpenApiDocument", "SchoolCalendarFeed", "WebAssets", "DevPeople", "DevSignIn", "OpenLink"];

    public sealed record Api(string Name, string Method, string Template, bool RequiresMember);

    public static IReadOnlyList<Api> All(AppFactory app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => new Api(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                m,
                e.RoutePattern.RawText!,
                e.Metadata.GetMetadata<RequiresMemberMetadata>() is not null)))
            .Where(a => a.Method != "HEAD")
            .OrderBy(a => a.Name)];

    /// <summary>Fills the route: a resource of <paramref name="municipality"/> and <paramref name="school"/>.</summary>
    public static string Url(Api api, string municipality, string school) => Parameter().Replace(api.Template, m => m.Groups[1].Value switch
    {
        "municipalityId" => municipality,
        "schoolId" => school,
        "month" => "2026-10",
        "week" => "2026-W46",
        "number" => "1",
        "version" => "2021.1",
        "personId" => "some-person",
        "practiceId" => "abcdef123456",
        "fileId" => "0123456789abcdef",
        "uploadId" => new string('a', 32),
        "jobId" => new string('b', 16),
        "itemId" => "item0",
        "teacherId" => "t0123456789a",
        "period" => "2026-27",
        "roundId" => "2026-10-01-entry",
        "questionId" => Uri.EscapeDataString("question|s1|1"),
        "stepId" => "decision",
        "index" => "0",
        "token" => new string('c', 40),
        "path" => "index.html",
        "year" => "2025-2026",
        "visitId" => "abcdef123456",
        "requestId" => "2026-12.s1",
        "lessonId" => "l1",
        "observerId" => "admin-s3",
        "photoId" => "p0123456789",
        "documentCode" => "orders",
        "directionCode" => "control",
        "experienceId" => "e0123456789a",
        "applicationId" => "2026-2027.s1",
        "moduleId" => "abcdef123456",
        var other => throw new InvalidOperationException($"Route parameter {{{other}}} of {api.Name} has no sample value: add one here."),
    });

    [GeneratedRegex(@"\{\**([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
