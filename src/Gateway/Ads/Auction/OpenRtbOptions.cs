using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// The OpenRTB knobs. They live in the <c>AdServing</c> section next to <see cref="AdServingOptions"/> (one section
/// for the operator) but in their own class, so the auction's budget knobs and these evolve independently.
/// </summary>
public sealed class OpenRtbOptions
{
    public const string SectionName = AdServingOptions.SectionName;

    /// <summary>The currency of every amount the service stores (bids, budgets, floors in micros), ISO-4217.</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// Units of another currency per 1 unit of <see cref="Currency"/> (e.g. EUR = 0.92 when the service is in USD).
    /// A bid request whose floors or allowed currencies need a currency missing here gets no bid. At most 6 decimals count.
    /// </summary>
    public Dictionary<string, decimal> FxRates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A bid request whose <c>tmax</c> is below this gets 204 at once; otherwise this much of <c>tmax</c> is kept for the
    /// network, so impressions still unanswered when less than it remains get no bid.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MinTmax { get; set; } = TimeSpan.FromMilliseconds(10);

    public bool RatesAreValid() =>
        FxRates.All(r => r.Key.Length == 3 && r.Key.All(char.IsAsciiLetterUpper) && r.Value is >= 0.000001m and <= 1_000_000);
}
