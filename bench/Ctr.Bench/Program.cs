using System.Globalization;
using System.Runtime.InteropServices;
using AdOrleans.Bench;
using AdOrleans.Ctr.Bench;
using AdOrleans.Grains.Ctr;

// Usage: dotnet run -c Release --project bench/Ctr.Bench -- [seeds] [impressions] [alpha] [l1] [click delay]
// (defaults: 5 seeds, 1,000,000 impressions each, the Ctr options' defaults, clicks reach the learner 2,000
// impressions after theirs: a few seconds at a few hundred impressions a second). Trains on the first 80 % of each
// seed's traffic, scores the last 20 % (docs/benchmarks-ctr.md). Exit codes: bench/Shared/BenchmarkProcess.cs.
return await BenchmarkProcess.RunAsync(TimeSpan.FromMinutes(30), _ =>
{
    var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
    var impressions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var defaults = new CtrOptions();
    var settings = defaults.Ftrl with
    {
        Alpha = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : defaults.Alpha,
        L1 = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : defaults.L1,
    };
    var clickDelay = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2000;
    Console.WriteLine($"# CTR model vs per-campaign prior: {seeds} seeds × {impressions:N0} impressions over {Traffic.Days} simulated days, train 80 % / score 20 %, click delay {clickDelay} impressions, {settings}");
    Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    Console.WriteLine("seed | predictor | log-loss | ECE (deciles) | slot×device calibration error | mean abs error vs true CTR");
    var rows = new List<(string Name, double LogLoss, double Ece, double Cells, double Mae)>();
    for (var seed = 1; seed <= seeds; seed++)
    {
        var traffic = Traffic.Generate(seed, impressions);
        var (model, prior, truth, learner, trainSeconds) = Evaluation.Run(traffic, settings, 0.8, clickDelay, 10, 1000);
        foreach (var score in new[] { model, prior, truth })
        {
            rows.Add((score.Name, score.LogLoss, score.Ece, score.CellError, score.MeanAbsError));
            Console.WriteLine($"{seed} | {score.Name} | {score.LogLoss:F5} | {score.Ece:F5} | {score.CellError:F5} | {score.MeanAbsError:F5}");
        }

        if (seed == 1)
        {
            // Features, prediction and FTRL update of every impression and click, plus this loop's per-campaign counting: the model grain's cost per event, roughly.
            Console.WriteLine($"seed 1: trained {learner.Impressions:N0} impressions and {learner.Clicks:N0} clicks in {trainSeconds:F2} s ({learner.Impressions / trainSeconds:N0} impressions/s on one thread)");
            Console.WriteLine($"seed 1: {learner.NonZeroWeights().Indices.Length} non-zero weights; deciles (predicted / observed click rate):");
            foreach (var score in new[] { model, prior })
            {
                Console.WriteLine($"  {score.Name}: " + string.Join("  ", score.Deciles().Select(d => $"{d.Predicted:P2}/{d.Observed:P2}")));
            }
        }
    }

    Console.WriteLine("median over seeds | predictor | log-loss | ECE | slot×device calibration error | mean abs error");
    foreach (var group in rows.GroupBy(r => r.Name))
    {
        Console.WriteLine($"median | {group.Key} | {Median(group.Select(r => r.LogLoss)):F5} | {Median(group.Select(r => r.Ece)):F5} | {Median(group.Select(r => r.Cells)):F5} | {Median(group.Select(r => r.Mae)):F5}");
    }

    return Task.CompletedTask;
});

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
