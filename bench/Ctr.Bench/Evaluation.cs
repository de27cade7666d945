using AdOrleans.Grains.Ctr;

namespace AdOrleans.Ctr.Bench;

/// <summary>Log-loss, calibration and error against the true CTR of one predictor on the held-out tail.</summary>
internal sealed class Score(string name)
{
    private const int Bins = 10;
    private readonly List<(double P, bool Y)> _predictions = [];
    private readonly Dictionary<string, (double P, long Clicks, long Count)> _cells = new(StringComparer.Ordinal);
    private double _logLoss;
    private double _absError;

    public string Name { get; } = name;

    public void Add(double p, bool clicked, double trueCtr, string cell)
    {
        p = Math.Clamp(p, 1e-9, 1 - 1e-9);
        var (sum, clicks, count) = _cells.GetValueOrDefault(cell);
        _cells[cell] = (sum + p, clicks + (clicked ? 1 : 0), count + 1);
        _logLoss -= clicked ? Math.Log(p) : Math.Log(1 - p);
        _absError += Math.Abs(p - trueCtr);
        _predictions.Add((p, clicked));
    }

    public double LogLoss => _logLoss / _predictions.Count;

    /// <summary>Mean |predicted − true CTR| per impression (known here because the traffic is simulated).</summary>
    public double MeanAbsError => _absError / _predictions.Count;

    /// <summary>Expected calibration error over deciles of the prediction (equal-count bins): Σ n_b/N · |mean p_b − click rate_b|.</summary>
    public double Ece => Deciles().Sum(d => d.Count * Math.Abs(d.Predicted - d.Observed)) / _predictions.Count;

    /// <summary>Calibration within each (slot, device) cell: Σ n_c/N · |mean p_c − click rate_c|; a per-campaign constant cannot follow the cells.</summary>
    public double CellError => _cells.Values.Sum(c => Math.Abs(c.P - c.Clicks)) / _predictions.Count;

    public IEnumerable<(int Count, double Predicted, double Observed)> Deciles()
    {
        var sorted = _predictions.OrderBy(x => x.P).ToArray();
        for (var b = 0; b < Bins; b++)
        {
            var bin = sorted[(b * sorted.Length / Bins)..((b + 1) * sorted.Length / Bins)];
            yield return (bin.Length, bin.Average(x => x.P), bin.Average(x => x.Y ? 1.0 : 0.0));
        }
    }
}

/// <summary>
/// Trains the FTRL model online, in order, on the first part of the traffic (each click reaches the learner
/// <c>clickDelay</c> impressions after its impression, as clicks follow impressions on the log), counts the
/// per-campaign prior the auction used so far on the same part, then scores both, frozen, on the tail.
/// </summary>
internal static class Evaluation
{
    public static (Score Model, Score Prior, Score Truth, FtrlLearner Learner, double TrainSeconds) Run(IReadOnlyList<Served> traffic, FtrlSettings settings, double trainShare, int clickDelay, int priorClicks, int priorImpressions)
    {
        var learner = new FtrlLearner(settings);
        var counts = new Dictionary<string, (long Clicks, long Impressions)>(StringComparer.Ordinal);
        var pending = new Queue<(int Due, int[] Features)>();
        var train = (int)(traffic.Count * trainShare);
        var features = new int[CtrFeatures.MaxFeatures];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < train; i++)
        {
            while (pending.Count > 0 && pending.Peek().Due <= i)
            {
                learner.Click(pending.Dequeue().Features);
            }

            var served = traffic[i];
            var count = CtrExamples.Features(features, settings.Bits, served.Impression);
            learner.Impression(features.AsSpan(0, count));
            var (clicks, impressions) = counts.GetValueOrDefault(served.Impression.CampaignId!);
            counts[served.Impression.CampaignId!] = (clicks + (served.Clicked ? 1 : 0), impressions + 1);
            if (served.Clicked)
            {
                pending.Enqueue((i + clickDelay, features[..count]));
            }
        }

        var trainSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (model, prior, truth) = (new Score("model"), new Score("prior"), new Score("true CTR"));
        foreach (var served in traffic.Skip(train))
        {
            var cell = $"{served.Impression.SlotId}/{served.Impression.Device}";
            var count = CtrExamples.Features(features, settings.Bits, served.Impression);
            var (clicks, impressions) = counts.GetValueOrDefault(served.Impression.CampaignId!);
            model.Add(learner.Predict(features.AsSpan(0, count)), served.Clicked, served.TrueCtr, cell);
            prior.Add((clicks + priorClicks) / (double)(impressions + priorImpressions), served.Clicked, served.TrueCtr, cell);
            truth.Add(served.TrueCtr, served.Clicked, served.TrueCtr, cell);
        }

        return (model, prior, truth, learner, trainSeconds);
    }
}
