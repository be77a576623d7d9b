namespace MethodDays.Features.Routes;

/// <summary>
/// What a route needs of the methodical subscription's modules, answered by the subscription feature
/// (<c>Subscription/SubscriptionRouteModules</c>): routes name a module by its id and never read the subscription's
/// records themselves, so the subscription may depend on routes (attendance marks them) and not the other way round.
/// </summary>
public interface IRouteModules
{
    /// <summary>
    /// The modules a school's route item can stand for in a route period (<c>2026-27</c>): those of the school's complex
    /// route first, then the municipality's other modules of that school year that have not ended by <paramref name="today"/>.
    /// </summary>
    Task<IReadOnlyList<ModuleChoice>> ChoicesAsync(string municipalityId, string schoolId, string period, DateOnly today, CancellationToken ct);

    /// <summary>
    /// Adds a field error (<c>items.{n}.moduleId</c>) for every item naming a module that does not exist in this
    /// municipality's subscription or belongs to another school year than the route's period.
    /// </summary>
    Task CheckAsync(IReadOnlyList<RouteItem> items, string municipalityId, string period, Platform.Problems.FieldErrors errors, CancellationToken ct);
}
