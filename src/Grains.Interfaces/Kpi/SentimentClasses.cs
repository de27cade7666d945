namespace AdOrleans.Grains.Kpi;

/// <summary>Which counter a scored social text adds to: VADER's usual thresholds on the compound score in [−1, 1].</summary>
public static class SentimentClasses
{
    public const double Threshold = 0.05;

    public static KpiCounter CounterOf(double score) =>
        score >= Threshold ? KpiCounter.SentimentPositive : score <= -Threshold ? KpiCounter.SentimentNegative : KpiCounter.SentimentNeutral;
}
