using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// Converts OpenRTB amounts (CPM in currency units, as doubles) to and from the service's integer micros. Rates are
/// held as integer millionths (units of the other currency per service unit × 10⁶) and all arithmetic is Int128, so
/// no double rounding touches money. Floors round up into the service currency and prices round down out of it: a
/// price that clears a converted floor is therefore never below the floor in the floor's own currency.
/// </summary>
public sealed class Currencies
{
    private const long One = 1_000_000;

    private readonly Dictionary<string, long> _rates;

    public Currencies(IOptions<OpenRtbOptions> options)
    {
        Service = options.Value.Currency;
        _rates = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (currency, rate) in options.Value.FxRates)
        {
            _rates[currency] = (long)Math.Round(rate * One);
        }

        _rates[Service] = One;
    }

    public string Service { get; }

    /// <summary>
    /// The currency to answer in: the service's when the request allows it (no <c>cur</c> means USD only, as the spec
    /// says), else the first allowed one with a rate; null when none can be answered.
    /// </summary>
    public string? BidCurrency(IReadOnlyList<string?>? allowed)
    {
        if (allowed is null || allowed.Count == 0)
        {
            return _rates.ContainsKey("USD") ? "USD" : null;
        }

        if (allowed.Contains(Service, StringComparer.OrdinalIgnoreCase))
        {
            return Service;
        }

        return allowed.FirstOrDefault(c => c is not null && _rates.ContainsKey(c))?.ToUpperInvariant();
    }

    /// <summary>A CPM floor in <paramref name="currency"/> (null: USD) as service micros, rounded up; null when the currency has no rate.</summary>
    public long? FloorMicros(double? floor, string? currency)
    {
        if (floor is not { } value || value <= 0)
        {
            return 0;
        }

        if (!_rates.TryGetValue(currency ?? "USD", out var rate))
        {
            return null;
        }

        // decimal keeps the shortest round-trip digits of the double (0.03 stays 0.03, not 0.029999…).
        var micros = (Int128)decimal.Round((decimal)value * One, MidpointRounding.AwayFromZero);
        var service = (micros * One + rate - 1) / rate;
        return service > long.MaxValue ? long.MaxValue : (long)service;
    }

    /// <summary>Service micros as an OpenRTB price in <paramref name="currency"/> (which has a rate: see <see cref="BidCurrency"/>), rounded down to the micro.</summary>
    public decimal Price(long serviceMicros, string currency)
    {
        var micros = (Int128)serviceMicros * _rates[currency] / One;
        return (decimal)micros / One;
    }
}
