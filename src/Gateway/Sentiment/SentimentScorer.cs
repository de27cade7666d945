namespace AdOrleans.Gateway.Sentiment;

/// <summary>
/// Scores a short social text in [−1, 1] with <see cref="SentimentLexicon"/>, VADER's rules simplified:
/// each valenced word counts its valence v; a booster or dampener right before it adds ±0.293 in the direction of v;
/// a negation among the three words before it multiplies by −0.74; after "but" words count 1.5×, before it 0.5×;
/// each '!' (at most 4) adds 0.292 in the direction of the sum. The sum s is normalised to s / √(s² + 15).
/// Tested against hand-scored sentences (SentimentScorerTests).
/// </summary>
public static class SentimentScorer
{
    public const double NegationFactor = -0.74;
    public const double ExclamationBoost = 0.292;
    private const double Alpha = 15;

    public static double Score(string text)
    {
        var words = Words(text);
        var but = words.IndexOf("but");
        var sum = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!SentimentLexicon.Valence.TryGetValue(words[i], out var valence))
            {
                continue;
            }

            double v = valence;
            if (i > 0 && SentimentLexicon.Modifiers.TryGetValue(words[i - 1], out var modifier))
            {
                v += Math.Sign(v) * modifier;
            }

            if (words.Skip(Math.Max(0, i - 3)).Take(Math.Min(i, 3)).Any(SentimentLexicon.Negations.Contains))
            {
                v *= NegationFactor;
            }

            sum += but < 0 ? v : i < but ? v * 0.5 : v * 1.5;
        }

        var exclamations = Math.Min(4, text.Count(c => c == '!'));
        if (sum != 0)
        {
            sum += Math.Sign(sum) * exclamations * ExclamationBoost;
        }

        return sum / Math.Sqrt((sum * sum) + Alpha);
    }

    /// <summary>Lower-case words of letters; apostrophes are dropped ("don't" → "dont"); a final s goes when only the stem is in the lexicon ("bugs").</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' && word.Length > 0)
            {
                continue;
            }
            else if (word.Length > 0)
            {
                var w = word.ToString();
                words.Add(w.Length > 2 && w.EndsWith("s", StringComparison.Ordinal) && !SentimentLexicon.Valence.ContainsKey(w) && SentimentLexicon.Valence.ContainsKey(w[..^1]) ? w[..^1] : w);
                word.Clear();
            }
        }

        return words;
    }
}
