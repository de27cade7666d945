using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Ads.Auction;

public sealed record BidResponse(string Id, IReadOnlyList<SeatBid> Seatbid, string Cur);

public sealed record SeatBid(IReadOnlyList<Bid> Bid, string Seat = "adorleans");

/// <summary>One bid. <see cref="Price"/> is CPM in the response currency; <see cref="Mtype"/> 1 banner, 2 video, 4 native.</summary>
public sealed record Bid(
    string Id,
    string Impid,
    decimal Price,
    string Adm,
    string Nurl,
    string Burl,
    string Crid,
    int Mtype,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Adomain,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Cat,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dealid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Bundle,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int W,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int H);
