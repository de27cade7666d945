namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>What one auction needs, from <c>/v1/auction</c> or one OpenRTB impression (<see cref="Rtb"/>: its extra constraints).</summary>
public sealed record AuctionInput(
    string SlotId,
    string? UserId,
    string? Geo,
    string? Device,
    IReadOnlyList<string> Segments,
    long ExtraFloorMicros = 0,
    RtbImp? Rtb = null);

/// <summary>The winner and its price. <see cref="ClickChargeMicros"/> is 0 for CPM campaigns; <see cref="DealId"/> set for an OpenRTB deal bid.</summary>
public sealed record AuctionOutcome(
    string AuctionId,
    AdOrleans.Gateway.Ads.Index.IndexedCampaign Campaign,
    AdOrleans.Grains.Creative Creative,
    string SlotId,
    long WinnerEcpm,
    long? SecondEcpm,
    long PriceMicros,
    long ClickChargeMicros,
    string? DealId = null);

public enum AuctionStatus
{
    Won,
    NoBid,
    UnknownSlot,
}
