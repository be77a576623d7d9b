using MethodDays.Platform;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.People;

public static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<ScopeResolver>();
        services.AddStorageTable(DirectoryStore.MunicipalitiesTable);
        services.AddStorageTable(DirectoryStore.SchoolsTable);
        services.AddStorageTable(DirectoryStore.MembersTable);
        services.AddStorageTable(DirectoryStore.IdentitiesTable);
        return services;
    }

    /// <summary>Every API route needs a signed-in member and refuses control characters in texts; the group applies that once.</summary>
    public static RouteGroupBuilder MapMemberApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api").RequireAuthorization().WithMetadata(new RequiresMemberMetadata()).RefuseControlCharacters();

    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        PeopleEndpoints.Map(api);
        PeopleImportEndpoints.Map(api);
        return api;
    }

    /// <summary>The development sign-in lives outside the member group: you are not signed in yet.</summary>
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        DevSignIn.Map(app.MapGroup("/api"));
        return app;
    }
}
