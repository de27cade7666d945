using AdOrleans.Grains.Privacy;

namespace AdOrleans.Grains.Events;

/// <summary>
/// Erasure and export of one user's traces in the KPI working sets (docs/privacy.md). Counts and rollups never name
/// users and stay as they are; a buyer forgotten here would count as a new customer again if the id came back.
/// </summary>
public sealed partial class EventAggregatorGrain
{
    public async Task<int> EraseUserAsync(string userId)
    {
        var erased = 0;
        foreach (var (logKey, key) in _keys)
        {
            var kpi = key.Kpi;
            var customer = kpi.Customers.Remove(userId);
            if (customer)
            {
                kpi.CustomerSet.Remove(userId);
            }

            if (customer | kpi.Sessions.Remove(userId))
            {
                _changed.Add(logKey);
                erased++;
            }
        }

        if (erased > 0)
        {
            await WriteStateAsync();
        }

        return erased;
    }

    public Task<IReadOnlyList<UserKpiState>> ExportUserAsync(string userId) =>
        Task.FromResult<IReadOnlyList<UserKpiState>>([.. _keys
            .Where(k => k.Value.Kpi.CustomerSet.Contains(userId) || k.Value.Kpi.Sessions.ContainsKey(userId))
            .Select(k => new UserKpiState(k.Key, k.Value.Kpi.CustomerSet.Contains(userId), k.Value.Kpi.Sessions.GetValueOrDefault(userId)?.LastSeen))]);
}
