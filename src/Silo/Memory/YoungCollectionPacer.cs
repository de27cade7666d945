using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Memory;

/// <summary>
/// Short, frequent gen0 collections below saturation (docs/memory.md, "Paced young collections"). Under moderate load
/// the server GC's adaptive budget (DATAS) lets ~100 MB of gen0 pile up and then stops the process for 12–30 ms (gen1:
/// up to 60) to walk it: that pause was the paced ingest p99. A gen0 collection every 8 MiB pauses for 3–6 ms.
/// It runs on its own thread (a long-running task) so that a busy thread pool does not delay the checks.
/// </summary>
public sealed partial class YoungCollectionPacer(IOptions<MemoryOptions> options, ILogger<YoungCollectionPacer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.PacedYoungCollectionBytes == 0)
        {
            return Task.CompletedTask;
        }

        Log.Started(logger, settings.PacedYoungCollectionBytes >> 10, settings.PaceBelowCpuShare);
        return Task.Factory.StartNew(() => Run(settings, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static void Run(MemoryOptions settings, CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var pacing = new YoungCollectionPacing(settings.PacedYoungCollectionBytes, settings.PaceBelowCpuShare, Environment.ProcessorCount, Sample(clock));
        while (!stoppingToken.WaitHandle.WaitOne(settings.PaceCheckInterval))
        {
            if (pacing.ShouldCollect(Sample(clock)))
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                pacing.Collected(Sample(clock));
            }
        }
    }

    private static ProcessSample Sample(Stopwatch clock) =>
        new(GC.CollectionCount(0), GC.GetTotalAllocatedBytes(), clock.Elapsed, Environment.CpuUsage.TotalTime);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "Young collections paced every {BudgetKiB} KiB allocated while the process uses less than {CpuShare:P0} of its processors")]
        public static partial void Started(ILogger logger, long budgetKiB, double cpuShare);
    }
}
