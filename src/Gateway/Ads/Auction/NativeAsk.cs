using System.Text.Json;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// The assets of an OpenRTB Native 1.2 request (<c>imp.native.request</c>) and which of them a native creative can
/// fill: title, main image (img type 3 or untyped) and sponsored-by text (data type 1). A creative fits when it fills
/// every required asset and at least one asset.
/// </summary>
public sealed class NativeAsk
{
    public const int MaxAssets = 50;

    private const int ImageMain = 3;
    private const int DataSponsored = 1;

    private readonly List<Asset> _assets;

    private NativeAsk(List<Asset> assets) => _assets = assets;

    public enum AssetKind
    {
        Title,
        Image,
        Data,
        Other,
    }

    public readonly record struct Asset(int Id, bool Required, AssetKind Kind, int Type, int Len, int Wmin, int Hmin);

    /// <summary>Parses the native request (string or object, with or without the Native 1.0 <c>native</c> wrapper); null when malformed.</summary>
    public static NativeAsk? Parse(JsonElement request)
    {
        try
        {
            if (request.ValueKind == JsonValueKind.String)
            {
                using var document = JsonDocument.Parse(request.GetString()!);
                return FromObject(document.RootElement);
            }

            return FromObject(request);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static NativeAsk? FromObject(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("native", out var wrapped))
        {
            root = wrapped;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("assets", out var assets)
            || assets.ValueKind != JsonValueKind.Array || assets.GetArrayLength() is 0 or > MaxAssets)
        {
            return null;
        }

        var list = new List<Asset>();
        foreach (var a in assets.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("id", out var id) || !id.TryGetInt32(out var assetId))
            {
                return null;
            }

            var required = Int(a, "required") == 1;
            list.Add(a.TryGetProperty("title", out var title) ? new Asset(assetId, required, AssetKind.Title, 0, Int(title, "len"), 0, 0)
                : a.TryGetProperty("img", out var img) ? new Asset(assetId, required, AssetKind.Image, Int(img, "type"), 0, Int(img, "wmin"), Int(img, "hmin"))
                : a.TryGetProperty("data", out var data) ? new Asset(assetId, required, AssetKind.Data, Int(data, "type"), Int(data, "len"), 0, 0)
                : new Asset(assetId, required, AssetKind.Other, 0, 0, 0, 0));
        }

        return new NativeAsk(list);
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

    public bool Fits(Creative creative) => Fill(creative) is { Count: > 0 };

    /// <summary>The assets <paramref name="creative"/> fills, in request order; null when a required one cannot be filled.</summary>
    public List<Asset>? Fill(Creative creative)
    {
        var filled = new List<Asset>(_assets.Count);
        foreach (var asset in _assets)
        {
            if (CanFill(asset, creative))
            {
                filled.Add(asset);
            }
            else if (asset.Required)
            {
                return null;
            }
        }

        return filled;
    }

    private static bool CanFill(Asset asset, Creative creative) => asset.Kind switch
    {
        AssetKind.Title => creative.Title is { } title && (asset.Len <= 0 || title.Length <= asset.Len),
        AssetKind.Image => asset.Type is 0 or ImageMain && creative.ImageUrl is not null
            && (creative.Width == 0 || creative.Width >= asset.Wmin) && (creative.Height == 0 || creative.Height >= asset.Hmin),
        AssetKind.Data => asset.Type == DataSponsored && creative.SponsoredBy is { } sponsor && (asset.Len <= 0 || sponsor.Length <= asset.Len),
        _ => false,
    };
}
