namespace AdOrleans.Grains.Dashboard;

/// <summary>
/// The saved dashboard views of one API key (grain key: the key's configured name, never the secret). A view is
/// the tiles and charts a user picked for the Overview; a shared one can be read by any reader key through its link.
/// </summary>
public interface IDashboardViewsGrain : IGrainWithStringKey
{
    /// <summary>Views per key: enough for every team member's variant, small enough to stay one cheap state row.</summary>
    const int MaxViews = 50;

    Task<IReadOnlyList<DashboardView>> ListAsync();

    Task<DashboardView?> GetAsync(string id);

    /// <summary>Creates or replaces the view; <see cref="SaveOutcome.TooMany"/> when a new one would exceed the cap.</summary>
    Task<SaveOutcome> PutAsync(DashboardView view);

    Task<bool> DeleteAsync(string id);
}

[GenerateSerializer, Immutable]
public sealed record DashboardView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Tiles,
    [property: Id(3)] IReadOnlyList<string> Charts,
    [property: Id(4)] bool Shared,
    [property: Id(5)] DateTimeOffset UpdatedAt);

public enum SaveOutcome
{
    Created,
    Replaced,
    TooMany,
}
