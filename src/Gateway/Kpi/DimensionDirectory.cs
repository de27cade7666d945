using System.Collections.Concurrent;
using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Grains.Kpi;
using AdOrleans.Runtime;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// The dimension join: reads the state of the grain that owns a dimension (the campaign grain, the
/// ad-slot grain under <c>slot:&lt;id&gt;</c>, the user-segment grain under <c>segment:&lt;id&gt;</c>) and
/// keeps the scalar fields of its config as attributes, with <c>name</c> as the name. Cached briefly, so a renamed campaign shows up within <see cref="CacheFor"/>. Missing or
/// unreadable state is not an error: the id stands alone.
/// </summary>
public sealed class DimensionDirectory(IGrainStateStore store, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;

    private static readonly IReadOnlyDictionary<string, (string GrainType, string KeyPrefix, string? Nested)> Owners =
        new Dictionary<string, (string, string, string?)>
        {
            [KpiDimensions.Campaign] = (CampaignGrainState.GrainType, "", null),
            [KpiDimensions.Slot] = (SlotConfig.GrainType, SlotConfig.KeyPrefix, "slot"),
            [KpiDimensions.Segment] = (SegmentConfig.GrainType, SegmentConfig.KeyPrefix, "segment"),
        };

    private readonly ConcurrentDictionary<(string, string), (DateTimeOffset At, DimensionInfo? Info)> _cache = new();

    /// <summary>The dimension's info, or null when no grain state describes it.</summary>
    public async ValueTask<DimensionInfo?> FindAsync(string dimension, string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue((dimension, id), out var hit) && now - hit.At < CacheFor)
        {
            return hit.Info;
        }

        DimensionInfo? info = null;
        if (Owners.TryGetValue(dimension, out var owner)
            && await store.ReadAsync(new GrainId(owner.GrainType, owner.KeyPrefix + id), cancellationToken) is { } stored)
        {
            info = Parse(dimension, id, stored.Data, owner.Nested);
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[(dimension, id)] = (now, info);
        return info;
    }

    /// <summary>The info to report: the stored one, or the bare id.</summary>
    public async ValueTask<DimensionInfo> DescribeAsync(string dimension, string id, CancellationToken cancellationToken) =>
        await FindAsync(dimension, id, cancellationToken) ?? new DimensionInfo(dimension, id, dimension == KpiDimensions.Channel ? id : null, null);

    private static DimensionInfo Parse(string dimension, string id, byte[] data, string? nested)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (nested is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(nested, out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return new DimensionInfo(dimension, id, null, null);
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            return new DimensionInfo(dimension, id, attributes.GetValueOrDefault("name"), attributes);
        }
        catch (JsonException)
        {
            return new DimensionInfo(dimension, id, null, null);
        }
    }
}
