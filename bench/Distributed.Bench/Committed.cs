namespace AdOrleans.Distributed.Bench;

/// <summary>Waits for the silo to commit what was appended, and fails loudly when it stops making progress.</summary>
internal static class Committed
{
    /// <summary>
    /// Until every partition's committed state counts every record below <paramref name="ends"/>; returns when each
    /// partition got there, from the call (with skew the busiest partition's one aggregator decides the end).
    /// </summary>
    public static async Task<TimeSpan[]> VisibleAsync(BenchDatabase db, long[] ends, TimeSpan stall, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = new TimeSpan?[ends.Length];
        await WaitAsync("committed state", async ct =>
        {
            var visible = await db.VisibleAsync(ends.Length, ct);
            for (var p = 0; p < ends.Length; p++)
            {
                done[p] ??= visible[p] >= ends[p] ? clock.Elapsed : null;
            }

            return visible;
        }, ends, stall, cancellationToken);
        return [.. done.Select(d => d!.Value)];
    }

    /// <summary>Until the stored queue checkpoints reach <paramref name="ends"/> (a restart would not replay anything).</summary>
    public static Task CheckpointedAsync(BenchDatabase db, long[] ends, TimeSpan stall, CancellationToken cancellationToken) =>
        WaitAsync("queue checkpoints", ct => db.CheckpointsAsync(ends.Length, ct), ends, stall, cancellationToken);

    private static async Task WaitAsync(string what, Func<CancellationToken, Task<long[]>> read, long[] ends, TimeSpan stall, CancellationToken cancellationToken)
    {
        long last = -1;
        var progress = Stopwatch.StartNew();
        while (true)
        {
            var now = await read(cancellationToken);
            if (now.Select((offset, p) => offset >= ends[p]).All(done => done))
            {
                if (now.Select((offset, p) => offset > ends[p]).Any(past => past))
                {
                    throw new BenchmarkFailedException($"{what} passed the records appended: {Describe(now, ends)}.");
                }

                return;
            }

            if (now.Sum() != last)
            {
                last = now.Sum();
                progress.Restart();
            }
            else if (progress.Elapsed > stall)
            {
                throw new BenchmarkFailedException($"{what} stood still for {stall.TotalSeconds:0} s: {Describe(now, ends)}; see the warnings above.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private static string Describe(long[] now, long[] ends) =>
        "partition:committed/appended " + string.Join(" ", now.Select((offset, p) => $"{p}:{offset}/{ends[p]}"));
}
