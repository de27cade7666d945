using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdOrleans.Grains.Streams;
using AdOrleans.Persistence;

namespace AdOrleans.Silo.Operations;

/// <summary>Renders the process's metrics in the Prometheus text exposition format (0.0.4).</summary>
internal static class PrometheusText
{
    public static async Task<string> WriteAsync(ClusterStatus status, IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        WriteProcess(text);
        WriteGrains(text, await status.GrainsAsync());
        WritePartitions(text, await status.PartitionsAsync(cancellationToken));
        if (services.GetService<IReceiverStore>() is { } store)
        {
            Metric(text, "adorleans_dead_letters", "gauge", "Log records given up after their delivery kept failing (stored; see /v1/cluster).",
                [("", await store.CountDeadLettersAsync(cancellationToken))]);
        }

        return text.ToString();
    }

    private static void WriteProcess(StringBuilder text)
    {
        using var process = Process.GetCurrentProcess();
        Metric(text, "process_resident_memory_bytes", "gauge", "Resident memory.", [("", process.WorkingSet64)]);
        Metric(text, "process_cpu_seconds_total", "counter", "CPU time used.", [("", process.TotalProcessorTime.TotalSeconds)]);
        Metric(text, "dotnet_gc_heap_bytes", "gauge", "Managed heap size.", [("", GC.GetTotalMemory(false))]);
        Metric(text, "dotnet_threadpool_threads", "gauge", "Thread-pool threads.", [("", ThreadPool.ThreadCount)]);
    }

    private static void WriteGrains(StringBuilder text, IReadOnlyList<GrainTypeSnapshot> grains)
    {
        Metric(text, "adorleans_grain_activations", "gauge", "Live activations by grain type.",
            [.. grains.Select(g => (Label("grain_type", g.GrainType), (double)g.Activations))]);
        Metric(text, "adorleans_grain_turns_total", "counter", "Turns run by grain type.",
            [.. grains.Select(g => (Label("grain_type", g.GrainType), (double)g.Turns))]);
        Metric(text, "adorleans_grain_turn_failures_total", "counter", "Turns that threw, by grain type.",
            [.. grains.Select(g => (Label("grain_type", g.GrainType), (double)g.Failures))]);
        text.Append("# HELP adorleans_grain_turn_seconds Sampled turn latency by grain type.\n# TYPE adorleans_grain_turn_seconds histogram\n");
        foreach (var grain in grains)
        {
            long cumulative = 0;
            foreach (var (upper, count) in grain.LatencyBuckets)
            {
                cumulative += count;
                text.Append(CultureInfo.InvariantCulture, $"adorleans_grain_turn_seconds_bucket{{grain_type=\"{grain.GrainType}\",le=\"{upper / 1e6}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"adorleans_grain_turn_seconds_bucket{{grain_type=\"{grain.GrainType}\",le=\"+Inf\"}} {cumulative}\n");
            text.Append(CultureInfo.InvariantCulture, $"adorleans_grain_turn_seconds_count{{grain_type=\"{grain.GrainType}\"}} {cumulative}\n");
        }
    }

    private static void WritePartitions(StringBuilder text, IReadOnlyList<PartitionStatus> partitions)
    {
        Metric(text, "adorleans_partition_committed_offset", "gauge", "Next offset committed with grain state.",
            [.. partitions.Select(p => (PartitionLabels(p), (double)p.CommittedOffset))]);
        Metric(text, "adorleans_partition_end_offset", "gauge", "Log end offset.",
            [.. partitions.Select(p => (PartitionLabels(p), (double)p.EndOffset))]);
        Metric(text, "adorleans_partition_lag", "gauge", "Records appended but not yet committed by this silo.",
            [.. partitions.Select(p => (PartitionLabels(p), (double)p.Lag))]);
    }

    private static string PartitionLabels(PartitionStatus p) => $"topic=\"{p.Topic}\",partition=\"{p.Partition}\"";

    private static string Label(string name, string value) => $"{name}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

    private static void Metric(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
        {
            var labelText = labels.Length == 0 ? "" : "{" + labels + "}";
            text.Append(CultureInfo.InvariantCulture, $"{name}{labelText} {value}\n");
        }
    }
}
