namespace AdOrleans.Distributed.Bench;

/// <summary>This process's CPU, GC and allocation counters at one moment; the difference of two says where a phase's time went.</summary>
internal readonly record struct ProcessCounters(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, TimeSpan Postgres, long JitMethods, TimeSpan JitTime)
{
    public static ProcessCounters Now() => new(
        Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), PostgresCpu(),
        System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    /// <summary>
    /// CPU of every process named postgres on this machine (the server shares the cores with the silo; other users'
    /// queries count too, so it is an upper bound for the run's share). Zero where /proc cannot be read.
    /// </summary>
    private static TimeSpan PostgresCpu()
    {
        long ticks = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var close = stat.LastIndexOf(')');
                    if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    // Fields after the command: state is field 3, utime and stime are fields 14 and 15.
                    var fields = stat[(close + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // A process that exited meanwhile, or one not ours to read.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>What a phase of <paramref name="events"/> events used between <paramref name="start"/> and now.</summary>
    public Usage Since(ProcessCounters start, long events, TimeSpan elapsed) => new(
        (Cpu - start.Cpu).TotalMicroseconds / events, (Cpu - start.Cpu).TotalSeconds / elapsed.TotalSeconds,
        Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, 100 * (GcPause - start.GcPause).TotalSeconds / elapsed.TotalSeconds,
        (Allocated - start.Allocated) / (double)events, (Postgres - start.Postgres).TotalMicroseconds / events,
        JitMethods - start.JitMethods, (JitTime - start.JitTime).TotalMilliseconds);
}

/// <summary>
/// A phase's costs: this process's CPU per event (silo, producer and the in-process mock brokers together), PostgreSQL's,
/// garbage collection and JIT compilation.
/// </summary>
internal readonly record struct Usage(
    double CpuUsPerEvent, double CoresBusy, int Gen0, int Gen1, int Gen2, double GcPausePercent, double AllocatedPerEvent,
    double PostgresUsPerEvent, long JitMethods, double JitMs)
{
    /// <summary>key=value fields for a RUN line.</summary>
    public override string ToString() =>
        $"cpu_us_per_event={Format(CpuUsPerEvent, "0.00")} cores_busy={Format(CoresBusy, "0.00")} gc0={Gen0} gc1={Gen1} gc2={Gen2} " +
        $"gc_pause_pct={Format(GcPausePercent, "0.0")} alloc_bytes_per_event={Format(AllocatedPerEvent)} " +
        $"postgres_cpu_us_per_event={Format(PostgresUsPerEvent, "0.00")} jit_methods={JitMethods} jit_ms={Format(JitMs)}";
}
