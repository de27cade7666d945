using System.Runtime.InteropServices;
using AdOrleans.Pipeline.Bench;


// Embedded pipeline: events already durable in the file log → partition workers → EventTotals grains
// → state + offsets committed to SQLite. Usage: dotnet run -c Release --project bench/Pipeline.Bench -- [events] [keys] [reps]
var events = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var keys = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var reps = args.Length > 2 ? int.Parse(args[2]) : 5;
Console.WriteLine($"# pipeline: {events:N0} events over {keys:N0} keys, {reps} runs; {Environment.ProcessorCount} CPUs, {RuntimeInformation.FrameworkDescription}");

var appendRates = new List<double>();
var pipelineRates = new List<double>();
for (var rep = 0; rep < reps; rep++)
{
    var dir = Path.Combine(Path.GetTempPath(), "adorleans-pipeline-bench", Guid.NewGuid().ToString("N"));
    try
    {
        var (appendRate, pipelineRate) = await PipelineRun.RunAsync(dir, events, keys);
        appendRates.Add(appendRate);
        pipelineRates.Add(pipelineRate);
        Console.WriteLine($"run {rep + 1}: append {appendRate:N0} events/s (durable), log → grains → SQLite commit {pipelineRate:N0} events/s");
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

Console.WriteLine($"median append: {Median(appendRates):N0} events/s");
Console.WriteLine($"median log → grains → committed state: {Median(pipelineRates):N0} events/s");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
