using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>The OpenRTB 2.6 BidRequest subset this gateway reads. Unknown fields are ignored, as the spec asks.</summary>
public sealed class BidRequest
{
    public string? Id { get; set; }

    public List<Imp?>? Imp { get; set; }

    public Site? Site { get; set; }

    public Site? App { get; set; }

    public Device? Device { get; set; }

    public User? User { get; set; }

    public int? Tmax { get; set; }
}

public sealed class Imp
{
    public string? Id { get; set; }

    /// <summary>The placement: our slot id. Falls back to <see cref="Id"/> when absent.</summary>
    public string? Tagid { get; set; }

    public Banner? Banner { get; set; }

    /// <summary>CPM floor in currency units (OpenRTB uses decimal units, not micros).</summary>
    public double? Bidfloor { get; set; }
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

public sealed class Site
{
    public string? Id { get; set; }

    public string? Domain { get; set; }
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

public sealed record BidResponse(string Id, IReadOnlyList<SeatBid> Seatbid, string Cur = "USD");

public sealed record SeatBid(IReadOnlyList<Bid> Bid, string Seat = "adorleans");

public sealed record Bid(
    string Id, string Impid, decimal Price, string Adm, string Nurl, string Burl, string Crid, IReadOnlyList<string> Adomain, int W, int H);
