namespace AdOrleans.Simulator.Generation;

/// <summary>
/// What simulated posts and comments say, so the sentiment KPIs (docs/kpi.md, "Sentiment") have something to score:
/// half positive, a quarter neutral, a quarter negative. Drawn from their own Random so that adding texts left every
/// other draw of a seed as it was.
/// </summary>
internal static class SocialTexts
{
    private static readonly string[] Texts =
    [
        "Love this, great quality!", "Best purchase this year", "Really happy with it", "So easy to use, recommended",
        "Looks amazing", "Pretty good value", "Nice design", "Thanks, fast delivery",
        "Arrived on Tuesday", "Anyone tried the blue one?", "Saw this on my feed", "Which size should I get?",
        "Not worth the price", "Terrible support, very disappointed", "Broken after a week", "Way too expensive",
    ];

    public static string Next(Random random) => Texts[random.Next(Texts.Length)];
}
