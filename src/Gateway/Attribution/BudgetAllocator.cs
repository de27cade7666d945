namespace AdOrleans.Gateway.Attribution;

/// <summary>A campaign as the allocator sees it over the window: its spend, the revenue a model credits it, its daily budget.</summary>
public sealed record CampaignReturn(string CampaignId, string Channel, long SpendMicros, long AttributedRevenueMicros, long DailyBudgetMicros);

public sealed record BudgetRecommendation(
    string CampaignId, string Channel, long SpendMicros, long AttributedRevenueMicros, double? Roas,
    long DailyBudgetMicros, long RecommendedDailyBudgetMicros, long ChangeMicros, string Reason);

/// <summary>
/// Moves daily budget toward the campaigns that return more per unit spent, within stated limits. ROAS over the
/// window (attributed revenue ÷ spend) is the proxy for marginal ROAS (no response curve is fitted). Campaigns more
/// than <c>band</c> below the portfolio's ROAS give up to <c>maxShift</c> of their daily budget, never going below
/// <c>minDaily</c>; what they give is shared among the campaigns more than <c>band</c> above it, in proportion to how
/// far above they are, each taking at most <c>maxShift</c> of its own budget. The total daily budget is unchanged up to
/// what no campaign may take (returned to the givers pro rata). Integer micros throughout.
/// </summary>
public static class BudgetAllocator
{
    public static IReadOnlyList<BudgetRecommendation> Recommend(IReadOnlyList<CampaignReturn> campaigns, double maxShift, double band, long minDaily)
    {
        var spend = campaigns.Sum(c => c.SpendMicros);
        var portfolio = spend > 0 ? campaigns.Sum(c => c.AttributedRevenueMicros) / (double)spend : (double?)null;
        double? Roas(CampaignReturn c) => c.SpendMicros > 0 ? c.AttributedRevenueMicros / (double)c.SpendMicros : null;
        bool Movable(CampaignReturn c) => portfolio is not null && c.DailyBudgetMicros > 0 && c.SpendMicros > 0;

        var givers = campaigns.Where(c => Movable(c) && Roas(c) < portfolio * (1 - band))
            .ToDictionary(c => c.CampaignId, c => Math.Max(0, Math.Min((long)(c.DailyBudgetMicros * maxShift), c.DailyBudgetMicros - minDaily)));
        var takers = campaigns.Where(c => Movable(c) && Roas(c) > portfolio * (1 + band)).ToList();
        var pool = givers.Values.Sum();
        var excess = takers.ToDictionary(c => c.CampaignId, c => Roas(c)!.Value - portfolio!.Value);
        var excessSum = excess.Values.Sum();
        var taken = takers.ToDictionary(c => c.CampaignId, c => excessSum <= 0 ? 0
            : Math.Min((long)(c.DailyBudgetMicros * maxShift), (long)(pool * (excess[c.CampaignId] / excessSum))));
        var moved = taken.Values.Sum();
        // Givers give only what takers can take, pro rata.
        var given = givers.ToDictionary(g => g.Key, g => pool == 0 ? 0 : (long)((decimal)g.Value * moved / pool));
        var rounding = moved - given.Values.Sum();
        foreach (var id in givers.Keys.OrderByDescending(id => givers[id] - given[id]).ThenBy(id => id, StringComparer.Ordinal))
        {
            // The few micros flooring left over go to givers with room below their limit, so the total is exact.
            var extra = Math.Min(rounding, givers[id] - given[id]);
            given[id] += extra;
            rounding -= extra;
        }

        return [.. campaigns.Select(c =>
        {
            var change = taken.TryGetValue(c.CampaignId, out var up) ? up : given.TryGetValue(c.CampaignId, out var down) ? -down : 0;
            return new BudgetRecommendation(c.CampaignId, c.Channel, c.SpendMicros, c.AttributedRevenueMicros, Roas(c),
                c.DailyBudgetMicros, c.DailyBudgetMicros + change, change, Reason(c, Roas(c), portfolio, change, band, minDaily));
        })];
    }

    private static string Reason(CampaignReturn c, double? roas, double? portfolio, long change, double band, long minDaily) =>
        (c.DailyBudgetMicros, roas, portfolio) switch
        {
            (<= 0, _, _) => "No daily budget to move.",
            (_, null, _) => "No spend in the window: nothing to judge it by.",
            (_, _, null) => "No spend in the portfolio.",
            _ when change > 0 => $"ROAS {roas:0.00} is above the portfolio's {portfolio:0.00}: more budget where it returns more.",
            _ when change < 0 => $"ROAS {roas:0.00} is below the portfolio's {portfolio:0.00}: budget moves to campaigns that return more.",
            _ when roas < portfolio * (1 - band) && c.DailyBudgetMicros <= minDaily => "Below the portfolio's ROAS but already at the minimum daily budget.",
            _ => $"ROAS {roas:0.00} is within {band:P0} of the portfolio's {portfolio:0.00} (or nobody could take more): unchanged.",
        };
}
