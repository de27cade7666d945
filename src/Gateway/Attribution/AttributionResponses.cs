namespace AdOrleans.Gateway.Attribution;

public sealed record ChannelCredit(string Channel, decimal Conversions, long RevenueMicros);

public sealed record CampaignCredit(string CampaignId, decimal Conversions, long RevenueMicros);

/// <summary>One model's credits over a window: channel credits sum exactly to <see cref="Conversions"/> and <see cref="RevenueMicros"/>.</summary>
public sealed record AttributionReport(
    string Model, DateTimeOffset From, DateTimeOffset To, decimal Conversions, long RevenueMicros,
    IReadOnlyList<ChannelCredit> Channels, IReadOnlyList<CampaignCredit> Campaigns);

public sealed record AttributionComparison(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AttributionReport> Models);
