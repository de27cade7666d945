using System.Globalization;

namespace AdOrleans.Pipeline.Bench;

internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, "0.52/0.31/0.20", or "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]}/{parts[1]}/{parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    public static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string Format(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
