namespace AdOrleans.Grains.Dashboard;

/// <summary>One API key's saved views, written per change (a handful a day), so on the per-command storage.</summary>
[GrainType("dashboard-views")]
public sealed class DashboardViewsGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<DashboardViewsState> storage,
    ILogger<DashboardViewsGrain> logger) : Grain, IDashboardViewsGrain
{
    public Task<IReadOnlyList<DashboardView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<DashboardView>>([.. storage.State.Views.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)]);

    public Task<DashboardView?> GetAsync(string id) => Task.FromResult(storage.State.Views.Find(v => v.Id == id));

    public async Task<SaveOutcome> PutAsync(DashboardView view)
    {
        var views = storage.State.Views;
        var index = views.FindIndex(v => v.Id == view.Id);
        if (index < 0 && views.Count >= IDashboardViewsGrain.MaxViews)
        {
            return SaveOutcome.TooMany;
        }

        if (index < 0)
        {
            views.Add(view);
        }
        else
        {
            views[index] = view;
        }

        await storage.WriteStateAsync();
        logger.LogInformation("Dashboard view {ViewId} of key {KeyName} saved ({Tiles} tiles, {Charts} charts, shared {Shared})",
            view.Id, this.GetPrimaryKeyString(), view.Tiles.Count, view.Charts.Count, view.Shared);
        return index < 0 ? SaveOutcome.Created : SaveOutcome.Replaced;
    }

    public async Task<bool> DeleteAsync(string id)
    {
        if (storage.State.Views.RemoveAll(v => v.Id == id) == 0)
        {
            return false;
        }

        await storage.WriteStateAsync();
        return true;
    }
}

[GenerateSerializer]
public sealed class DashboardViewsState
{
    [Id(0)] public List<DashboardView> Views { get; set; } = [];
}
