using AdOrleans.Gateway.Sentiment;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Kpi.Tests;

/// <summary>Sentences scored by hand with the rules of <see cref="SentimentScorer"/>: compound = s / √(s² + 15).</summary>
public sealed class SentimentScorerTests
{
    private static double Compound(double sum) => sum / Math.Sqrt((sum * sum) + 15);

    [Theory]
    [InlineData("I love this product", 3)] // love +3
    [InlineData("I do NOT love this product", 3 * -0.74)] // negated within three words
    [InlineData("This is very good", 3 + 0.293)] // booster
    [InlineData("Slightly disappointed", -2 + 0.293)] // dampener pulls towards 0
    [InlineData("Terrible service, but the product is great", (-3 * 0.5) + (3 * 1.5))] // "but" shifts the weight
    [InlineData("Great!!", 3 + (2 * 0.292))] // exclamations amplify
    [InlineData("I don't like it, too slow", (2 * -0.74) - 2)] // apostrophe folded: don't → dont
    [InlineData("So many bugs", -2)] // plural stem
    public void AHandScoredSentenceGetsItsCompoundScore(string text, double sum)
    {
        Assert.Equal(Compound(sum), SentimentScorer.Score(text), 10);
    }

    [Theory]
    [InlineData("The package arrived on Tuesday", KpiCounter.SentimentNeutral)]
    [InlineData("", KpiCounter.SentimentNeutral)]
    [InlineData("Best ad campaign ever, love it!", KpiCounter.SentimentPositive)]
    [InlineData("This is a scam, total garbage", KpiCounter.SentimentNegative)]
    [InlineData("not bad at all", KpiCounter.SentimentPositive)]
    public void SentencesFallInTheClassTheirScoreSays(string text, KpiCounter expected)
    {
        Assert.Equal(expected, SentimentClasses.CounterOf(SentimentScorer.Score(text)));
    }

    [Fact]
    public void ScoresStayWithinMinusOneAndOneHoweverLongTheRant()
    {
        var rant = string.Concat(Enumerable.Repeat("worst scam ever, horrible fraud!!! ", 200));

        var score = SentimentScorer.Score(rant);

        Assert.InRange(score, -1, -0.99);
    }
}
