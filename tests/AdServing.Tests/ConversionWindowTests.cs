using AdOrleans.Gateway.Ads.Tracking;
using Microsoft.Extensions.Options;

namespace AdOrleans.AdServing.Tests;

/// <summary>A click's token attributes conversions for the conversion window, long after the beacons' token lifetime.</summary>
public sealed class ConversionWindowTests
{
    private static readonly DateTimeOffset Auction = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TrackingTokens _tokens = new(Options.Create(new TrackingOptions
    {
        SigningKey = new string('k', 32),
        TokenLifetime = TimeSpan.FromMinutes(15),
        ConversionWindow = TimeSpan.FromDays(30),
    }));

    private string Token() => _tokens.Sign(new TrackingClaims
    {
        AuctionId = "a-1", CampaignId = "c-1", CreativeId = "cr-1", SlotId = "s-1", BidType = "cpm", Channel = "display",
        ExpiresAt = (Auction + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds(),
    });

    [Fact]
    public void AnExpiredClickTokenStillAttributesAConversionWithinTheWindow()
    {
        var later = Auction + TimeSpan.FromDays(29);

        Assert.Null(_tokens.Verify(Token(), later, out _));
        Assert.Equal("c-1", _tokens.VerifyForConversion(Token(), later, out _)?.CampaignId);
    }

    [Fact]
    public void AClickTokenOlderThanTheConversionWindowIsRefused()
    {
        var claims = _tokens.VerifyForConversion(Token(), Auction + TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1), out var error);

        Assert.Null(claims);
        Assert.Contains("conversion window", error);
    }
}
