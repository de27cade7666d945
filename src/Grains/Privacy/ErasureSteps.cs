using System.Text;
using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Automation;
using AdOrleans.Grains.Lake;
using AdOrleans.Log;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Privacy;

/// <summary>
/// What each store's step of an erasure does (docs/privacy.md). Every step is idempotent, so a job resumed or run
/// again repeats finished work harmlessly. Returns how many items the store erased and a note on how.
/// </summary>
public sealed class ErasureSteps(IGrainFactory grains, IPartitionedLog log, IEnumerable<IEventIdRedactor> redactors, IEnumerable<IStoreScrubber> scrubbers, IOptions<PrivacyOptions> options)
{
    public async Task<ErasureStoreProgress> RunAsync(string store, string? userId, CancellationToken cancellationToken)
    {
        var partitions = log.PartitionCount(Topics.Events);
        var events = Enumerable.Range(0, partitions).Select(EventAggregators.KeyOf).ToList();
        switch (store)
        {
            case ErasureStores.Log when log is IRewritableLog rewritable:
                var id = Encoding.UTF8.GetBytes(Required(userId));
                var records = await rewritable.RewriteAsync(Topics.Events, value => EventRedaction.Redact(value, id), cancellationToken);
                return Done(store, records, "events records redacted in place (same length, CRC recomputed); commit journal checkpointed");
            case ErasureStores.Log:
                return new(store, ErasureStates.Skipped, 0, "The Kafka log is immutable: the user's records leave with the events topic's retention (retention.ms).");
            case ErasureStores.Journeys:
                var shard = IJourneyShardGrain.KeyOf(Required(userId), partitions);
                return Done(store, await grains.GetGrain<IJourneyShardGrain>(shard).EraseUserAsync(userId!), $"journey shard {shard}");
            case ErasureStores.KpiState:
                var keys = await Task.WhenAll(events.Select(e => grains.GetGrain<IEventAggregatorGrain>(e).EraseUserAsync(Required(userId))));
                return Done(store, keys.Sum(), "log keys whose buyers or open sessions named the user; totals and rollups unchanged");
            case ErasureStores.Lake:
                var files = await Task.WhenAll(events.Select(e => grains.GetGrain<ILakeArchiverGrain>(e).EraseUserAsync(Required(userId))));
                return Done(store, files.Sum(), "Parquet files rewritten with user_id cleared; rows and manifest offsets unchanged");
            case ErasureStores.Contacts:
                return Done(store, await grains.GetGrain<IContactGrain>(Required(userId)).EraseAsync() ? 1 : 0, "contact record deleted");
            case ErasureStores.Automation:
                var held = await grains.GetGrain<IAutomationShardGrain>(IAutomationShardGrain.KeyOf(Required(userId), partitions)).EraseUserAsync(userId!);
                var rules = await grains.GetGrain<IAutomationRegistryGrain>(IAutomationRegistryGrain.Key).ListAsync();
                var firings = await Task.WhenAll(rules.Select(r => grains.GetGrain<IAutomationRuleGrain>(r.Id).EraseUserAsync(userId!)));
                return Done(store, held + firings.Sum(), "automation shard row (segments, waits, fired windows) and the rules' firings naming the user");
            case ErasureStores.EventIds:
                var masked = 0L;
                foreach (var redactor in redactors)
                {
                    masked += await redactor.RedactAsync(Required(userId), cancellationToken);
                }

                return Done(store, masked, "receivers' eventId batches: the id masked with '*' inside eventIds that embed it");
            case ErasureStores.Storage:
                var notes = new List<string>();
                foreach (var scrubber in scrubbers)
                {
                    notes.Add(await scrubber.ScrubAsync(options.Value.VacuumAfterErase, cancellationToken));
                }

                return notes.Count == 0
                    ? new(store, ErasureStates.Skipped, 0, "PostgreSQL: dead tuples are reclaimed by autovacuum, WAL by the server's retention (docs/privacy.md).")
                    : Done(store, 0, string.Join("; ", notes));
            default:
                throw new ArgumentOutOfRangeException(nameof(store), store, "Unknown store.");
        }
    }

    private static ErasureStoreProgress Done(string store, long erased, string note) =>
        new(store, ErasureStates.Completed, erased, note);

    private static string Required(string? userId) =>
        userId ?? throw new InvalidOperationException("The job no longer holds the user id; this step ran already.");
}
