using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>The OpenRTB 2.6 BidRequest subset this gateway reads. Unknown fields are ignored, as the spec asks.</summary>
public sealed class BidRequest
{
    public string? Id { get; set; }

    public List<Imp?>? Imp { get; set; }

    public Site? Site { get; set; }

    public App? App { get; set; }

    public Device? Device { get; set; }

    public User? User { get; set; }

    /// <summary>Milliseconds the exchange waits for the answer.</summary>
    public int? Tmax { get; set; }

    /// <summary>1 first price, 2 second price; overrides the slot's auction type. Other values keep the slot's.</summary>
    public int? At { get; set; }

    /// <summary>Currencies a bid may be in; absent means USD.</summary>
    public List<string?>? Cur { get; set; }

    /// <summary>Blocked advertiser categories (IAB content categories).</summary>
    public List<string?>? Bcat { get; set; }

    /// <summary>Blocked advertiser domains.</summary>
    public List<string?>? Badv { get; set; }

    /// <summary>Blocked advertised apps (store ids).</summary>
    public List<string?>? Bapp { get; set; }
}

public sealed class Imp
{
    public string? Id { get; set; }

    /// <summary>The placement: our slot id. Falls back to <see cref="Id"/> when absent.</summary>
    public string? Tagid { get; set; }

    public Banner? Banner { get; set; }

    public Video? Video { get; set; }

    public Native? Native { get; set; }

    public Pmp? Pmp { get; set; }

    /// <summary>CPM floor in <see cref="Bidfloorcur"/> units (OpenRTB uses decimal units, not micros).</summary>
    public double? Bidfloor { get; set; }

    public string? Bidfloorcur { get; set; }
}

public sealed class Banner
{
    public List<Format?>? Format { get; set; }

    [JsonPropertyName("w")] public int? W { get; set; }

    [JsonPropertyName("h")] public int? H { get; set; }
}

public sealed class Format
{
    [JsonPropertyName("w")] public int W { get; set; }

    [JsonPropertyName("h")] public int H { get; set; }
}

public sealed class Video
{
    public List<string?>? Mimes { get; set; }

    public int? Minduration { get; set; }

    public int? Maxduration { get; set; }

    [JsonPropertyName("w")] public int? W { get; set; }

    [JsonPropertyName("h")] public int? H { get; set; }
}

public sealed class Native
{
    /// <summary>The Native 1.x request: a JSON-encoded string per the spec; a plain object is accepted too.</summary>
    public JsonElement Request { get; set; }

    public string? Ver { get; set; }
}

public sealed class Pmp
{
    [JsonPropertyName("private_auction")] public int? PrivateAuction { get; set; }

    public List<Deal?>? Deals { get; set; }
}

public sealed class Deal
{
    public string? Id { get; set; }

    public double? Bidfloor { get; set; }

    public string? Bidfloorcur { get; set; }

    /// <summary>Overrides the request's <c>at</c> for bids in this deal.</summary>
    public int? At { get; set; }
}

public sealed class Site
{
    public string? Id { get; set; }

    public string? Domain { get; set; }
}

public sealed class App
{
    public string? Id { get; set; }

    public string? Bundle { get; set; }
}

public sealed class Device
{
    public Geo? Geo { get; set; }

    /// <summary>OpenRTB device type: 1 mobile/tablet, 2 PC, 3 CTV, 4 phone, 5 tablet, 6 connected device, 7 set-top box.</summary>
    public int? Devicetype { get; set; }
}

public sealed class Geo
{
    public string? Country { get; set; }
}

public sealed class User
{
    public string? Id { get; set; }
}
