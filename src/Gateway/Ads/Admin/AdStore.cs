using System.Collections.Concurrent;
using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Runtime;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>
/// The admin side's access to the log and the committed grain states. Commands are appended durably (then the
/// 2xx); reads come from the store, so they show what the owning grain has committed.
/// </summary>
public sealed class AdStore(IPartitionedLog log, IGrainStateStore store)
{
    /// <summary>Ids this gateway has created: a second create here answers 409 even before the index shows the first.</summary>
    private readonly ConcurrentDictionary<string, byte> _created = new(StringComparer.Ordinal);

    public bool TryClaim(string campaignId) => _created.TryAdd(campaignId, 0);

    public void Release(string campaignId) => _created.TryRemove(campaignId, out _);

    public bool Claimed(string campaignId) => _created.ContainsKey(campaignId);

    public ValueTask AppendAsync(string key, AdCommand command, CancellationToken cancellationToken) =>
        log.AppendAsync(Topics.Commands, [new LogMessage(key, JsonSerializer.SerializeToUtf8Bytes(command, AdJsonContext.Default.AdCommand))], cancellationToken);

    public async Task<CampaignLive?> CampaignAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync<CampaignGrainState>(CampaignGrainState.GrainType, id, cancellationToken))?.Live;

    public async Task<SlotConfig?> SlotAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync<SlotGrainState>(SlotConfig.GrainType, SlotConfig.KeyPrefix + id, cancellationToken))?.Slot;

    public async Task<SegmentConfig?> SegmentAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync<SegmentGrainState>(SegmentConfig.GrainType, SegmentConfig.KeyPrefix + id, cancellationToken))?.Segment;

    /// <summary>Grain state is stored as JSON with web defaults (the runtime's format).</summary>
    private async Task<T?> ReadAsync<T>(string type, string key, CancellationToken cancellationToken) where T : class
    {
        var stored = await store.ReadAsync(new GrainId(type, key), cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize<T>(stored.Data, JsonSerializerOptions.Web);
    }
}
