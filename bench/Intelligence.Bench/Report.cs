using System.Diagnostics;

namespace AdOrleans.Intelligence.Bench;

/// <summary>Prints each measured figure as it comes, with the machine's load and the service's resident memory.</summary>
internal sealed class Report(int? servicePid)
{
    public void Line(string what) => Console.WriteLine($"{what}; load {Load()}{Rss()}");

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static async Task<(T Result, double Milliseconds)> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        return (result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private string Rss()
    {
        var status = servicePid is { } pid ? $"/proc/{pid}/status" : null;
        var line = status is not null && File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? "" : $"; service RSS {long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024} MiB";
    }
}
