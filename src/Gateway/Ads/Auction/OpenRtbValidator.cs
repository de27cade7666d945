using AdOrleans.Gateway.Ads.Admin;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// What makes a bid request invalid (400): no id, no or too many impressions, an impression without banner, video or
/// native, a malformed native request, floors that are not amounts, deals without ids. Anything merely unsupported
/// (unknown currency, unknown slot, nothing fits) is a valid request that gets no bid (204).
/// </summary>
public static class OpenRtbValidator
{
    public const int MaxImps = 20;

    public const int MaxDeals = 50;

    /// <summary>A CPM floor above a billion currency units is not an amount any currency prices ads in.</summary>
    public const double MaxFloor = 1_000_000_000;

    /// <summary>Field errors, and the parsed native request of each impression (null where it has none).</summary>
    public static Dictionary<string, string[]> Validate(BidRequest request, out NativeAsk?[] natives)
    {
        natives = [];
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Id) || request.Id.Length > 128)
        {
            errors["id"] = ["Required: 1 to 128 characters."];
        }

        if (request.Imp is null || request.Imp.Count is 0 or > MaxImps || request.Imp.Any(i => i is null))
        {
            errors["imp"] = [$"Give 1 to {MaxImps} impressions."];
            return errors;
        }

        natives = new NativeAsk?[request.Imp.Count];
        for (var i = 0; i < request.Imp.Count; i++)
        {
            var imp = request.Imp[i]!;
            var path = $"imp[{i}]";
            Ids.Check(imp.Id, path + ".id", errors, required: true);
            Ids.Check(imp.Tagid, path + ".tagid", errors, required: false);
            if (imp.Banner is null && imp.Video is null && imp.Native is null)
            {
                errors[path] = ["Needs a banner, video or native object (the only media this service answers)."];
            }

            if (imp.Native is not null && (natives[i] = NativeAsk.Parse(imp.Native.Request)) is null)
            {
                errors[path + ".native.request"] = [$"Must be a Native 1.2 request with 1 to {NativeAsk.MaxAssets} assets, each with an integer id."];
            }

            Amount(imp.Bidfloor, imp.Bidfloorcur, path + ".bidfloor", errors);
            Deals(imp.Pmp, path + ".pmp", errors);
        }

        Ids.Check(request.User?.Id, "user.id", errors, required: false);
        Ids.CheckCode(request.Device?.Geo?.Country, "device.geo.country", errors);
        return errors;
    }

    private static void Deals(Pmp? pmp, string path, Dictionary<string, string[]> errors)
    {
        if (pmp?.Deals is not { } deals)
        {
            return;
        }

        if (deals.Count > MaxDeals || deals.Any(d => d is null || string.IsNullOrEmpty(d.Id) || d.Id.Length > 128))
        {
            errors[path + ".deals"] = [$"At most {MaxDeals} deals, each with an id of 1 to 128 characters."];
            return;
        }

        for (var d = 0; d < deals.Count; d++)
        {
            Amount(deals[d]!.Bidfloor, deals[d]!.Bidfloorcur, $"{path}.deals[{d}].bidfloor", errors);
        }
    }

    private static void Amount(double? floor, string? currency, string field, Dictionary<string, string[]> errors)
    {
        if (floor is { } value && !(value >= 0 && value <= MaxFloor))
        {
            errors[field] = [$"Must be a CPM between 0 and {MaxFloor:0}."];
        }

        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetter)))
        {
            errors[field + "cur"] = ["Must be an ISO-4217 currency code."];
        }
    }
}
