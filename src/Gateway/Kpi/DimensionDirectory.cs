using System.Collections.Concurrent;
using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// The dimension join: asks the grain that owns a dimension (campaign, ad slot, user segment) for its
/// configuration and keeps its scalar fields as attributes, with <c>name</c> as the name. Cached briefly, so a
/// renamed campaign shows up within <see cref="CacheFor"/>. A missing entity is not an error: the id stands alone.
/// </summary>
public sealed class DimensionDirectory(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<(string, string), (DateTimeOffset At, DimensionInfo? Info)> _cache = new();

    /// <summary>The dimension's info, or null when no grain state describes it.</summary>
    public async ValueTask<DimensionInfo?> FindAsync(string dimension, string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue((dimension, id), out var hit) && now - hit.At < CacheFor)
        {
            return hit.Info;
        }

        var info = await DescribeOwnedAsync(dimension, id) is { } attributes ? Parse(dimension, id, attributes) : null;

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[(dimension, id)] = (now, info);
        return info;
    }

    /// <summary>The info to report: the stored one, or the bare id (which is the name of a channel, geo or device: no grain describes those).</summary>
    public async ValueTask<DimensionInfo> DescribeAsync(string dimension, string id, CancellationToken cancellationToken) =>
        await FindAsync(dimension, id, cancellationToken)
            ?? new DimensionInfo(dimension, id, dimension is KpiDimensions.Channel or KpiDimensions.Geo or KpiDimensions.Device ? id : null, null);

    /// <summary>The owning entity as JSON (web defaults), or null when there is none.</summary>
    private async Task<byte[]?> DescribeOwnedAsync(string dimension, string id)
    {
        if (!Ids.IsValid(id))
        {
            return null;
        }

        return dimension switch
        {
            KpiDimensions.Campaign => await grains.GetGrain<ICampaignGrain>(id).GetAsync() is { } live
                ? JsonSerializer.SerializeToUtf8Bytes(new CampaignAttributes(live.Config.Name, live.Config.Advertiser, live.Config.Channel, live.Status), JsonSerializerOptions.Web)
                : null,
            KpiDimensions.Slot => await grains.GetGrain<IAdSlotGrain>(id).GetAsync() is { } slot ? JsonSerializer.SerializeToUtf8Bytes(slot, JsonSerializerOptions.Web) : null,
            KpiDimensions.Segment => await grains.GetGrain<IUserSegmentGrain>(id).GetAsync() is { } segment ? JsonSerializer.SerializeToUtf8Bytes(segment, JsonSerializerOptions.Web) : null,
            _ => null,
        };
    }

    private sealed record CampaignAttributes(string Name, string Advertiser, string Channel, string Status);

    private static DimensionInfo Parse(string dimension, string id, byte[] data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
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
