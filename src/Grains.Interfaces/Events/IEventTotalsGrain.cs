namespace AdOrleans.Grains;

/// <summary>Counts every event of one log key, each exactly once. Fed by its events stream.</summary>
public interface IEventTotalsGrain : IGrainWithStringKey
{
    /// <summary>The committed totals, or null when no event of this key was ever counted.</summary>
    Task<EventTotals?> GetAsync();
}
