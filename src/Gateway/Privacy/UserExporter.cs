using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Lake;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Privacy;

/// <summary>
/// Collects one user's data from every store that holds it: the contact record, the journey shard, each partition's
/// KPI working sets and lake files (the archived events, and the segments they named), and this gateway's memory.
/// </summary>
public sealed class UserExporter(IGrainFactory grains, IOptions<LogOptions> log, IServiceProvider services)
{
    public const string ExperimentNote = "Nothing stored: a stable hash of (experiment, user id) picks the variant in each auction.";

    public async Task<UserExport> ExportAsync(string userId)
    {
        var partitions = log.Value.Partitions;
        var keys = Enumerable.Range(0, partitions).Select(EventAggregators.KeyOf).ToList();
        var contact = grains.GetGrain<IContactGrain>(userId).GetAsync();
        var journey = grains.GetGrain<IJourneyShardGrain>(IJourneyShardGrain.KeyOf(userId, partitions)).ExportUserAsync(userId);
        var kpi = Task.WhenAll(keys.Select(k => grains.GetGrain<IEventAggregatorGrain>(k).ExportUserAsync(userId)));
        var lake = Task.WhenAll(keys.Select(k => grains.GetGrain<ILakeArchiverGrain>(k).ExportUserAsync(userId)));
        var events = (await lake).SelectMany(r => r).OrderBy(r => r.OccurredAt).ThenBy(r => r.Partition).ThenBy(r => r.Offset).ToList();
        var frequency = new UserFrequencyState(
            services.GetService<FrequencyCounter>()?.Windows(userId) ?? 0,
            services.GetService<ClickHistory>()?.Channels(userId) ?? 0);
        return new UserExport(userId, await contact, await journey, events,
            [.. events.SelectMany(e => e.Segments).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. (await kpi).SelectMany(r => r)], frequency, ExperimentNote);
    }

    /// <summary>Forgets what this gateway holds in memory; other gateways' windows expire (docs/privacy.md).</summary>
    public UserFrequencyState Forget(string userId) => new(
        services.GetService<FrequencyCounter>()?.Forget(userId) ?? 0,
        services.GetService<ClickHistory>()?.Forget(userId) ?? 0);
}
