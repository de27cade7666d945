using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Lake;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Privacy;

/// <summary>
/// Collects one user's data from every store that holds it: the contact record, the journey shard, each partition's
/// KPI working sets and lake files (the archived events, and the segments they named), this gateway's memory, and the
/// experiment variants the auction assigns the user (computed: nothing per user is stored for them).
/// </summary>
public sealed class UserExporter(IGrainFactory grains, IOptions<LogOptions> log, IServiceProvider services)
{
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
            [.. (await kpi).SelectMany(r => r)], frequency, Assignments(userId));
    }

    /// <summary>The user's variant in each experiment this gateway's auction index runs (the auction's own rule).</summary>
    private List<UserExperimentAssignment> Assignments(string userId)
    {
        var assignments = new List<UserExperimentAssignment>();
        foreach (var config in (services.GetService<AuctionIndex>()?.Experiments ?? []).Select(e => e.Config).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var sum = 0;
            int[] cumulative = [.. config.Variants.Select(v => sum += v.Weight)];
            var variant = config.Variants[ExperimentAssignment.Variant(cumulative, ExperimentAssignment.Bucket(ExperimentAssignment.Seed(config.Id), userId))];
            assignments.Add(new UserExperimentAssignment(config.Id, config.CampaignId, variant.Id, variant.CreativeId));
        }

        return assignments;
    }

    /// <summary>Forgets what this gateway holds in memory; other gateways' windows expire (docs/privacy.md).</summary>
    public UserFrequencyState Forget(string userId) => new(
        services.GetService<FrequencyCounter>()?.Forget(userId) ?? 0,
        services.GetService<ClickHistory>()?.Forget(userId) ?? 0);
}
