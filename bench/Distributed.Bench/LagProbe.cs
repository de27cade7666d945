namespace AdOrleans.Distributed.Bench;

/// <summary>
/// Paced appends, open loop (a batch every 10 ms whether or not the earlier ones were acknowledged), and for every
/// event the time from its batch's acknowledgement (the gateway's 202) to the first poll (every 10 ms, as the
/// baseline) that finds it counted in committed state (<see cref="BenchDatabase.VisibleAsync"/>).
/// </summary>
internal static class LagProbe
{
    private const int TickMs = 10;

    public sealed record Result(List<double> LagsMs, double AchievedRate, int Batches);

    public static async Task<Result> RunAsync(
        BenchDatabase db, Producer producer, IReadOnlyList<LogMessage> messages, int ratePerSecond, TimeSpan stall, CancellationToken cancellationToken)
    {
        var partitions = producer.Partitions;
        var pending = new List<(int Partition, long End, int Count, int Batch)>();
        var ackedAt = new Dictionary<int, long>();
        var lags = new List<double>(messages.Count);
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        var sending = true;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = Task.Run(async () =>
        {
            var progress = Stopwatch.StartNew();
            while (true)
            {
                var visible = await db.VisibleAsync(partitions, stop.Token);
                var now = clock.ElapsedTicks;
                lock (gate)
                {
                    var before = pending.Count;
                    pending.RemoveAll(s =>
                    {
                        if (s.End > visible[s.Partition] || !ackedAt.TryGetValue(s.Batch, out var at))
                        {
                            return false;
                        }

                        var ms = (now - at) * 1000.0 / Stopwatch.Frequency;
                        for (var i = 0; i < s.Count; i++)
                        {
                            lags.Add(ms);
                        }

                        return true;
                    });
                    if (pending.Count != before || sending)
                    {
                        progress.Restart();
                    }

                    if (!sending && pending.Count == 0)
                    {
                        return;
                    }
                }

                if (progress.Elapsed > stall)
                {
                    throw new BenchmarkFailedException($"lag: {pending.Count} acknowledged batches' records not visible for {stall.TotalSeconds:0} s.");
                }

                await Task.Delay(TickMs, stop.Token);
            }
        }, stop.Token);

        var perBatch = Math.Max(1, ratePerSecond * TickMs / 1000);
        var acks = new List<Task>();
        var batch = 0;
        var started = clock.Elapsed;
        try
        {
            for (var first = 0; first < messages.Count; first += perBatch, batch++)
            {
                var due = TimeSpan.FromMilliseconds((double)TickMs * batch);
                if (clock.Elapsed < due)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }

                var (endsAfter, counts, acknowledged) = producer.Start([.. messages.Skip(first).Take(perBatch)], cancellationToken);
                var id = batch;
                lock (gate)
                {
                    for (var p = 0; p < partitions; p++)
                    {
                        if (counts[p] > 0)
                        {
                            pending.Add((p, endsAfter[p], counts[p], id));
                        }
                    }
                }

                acks.Add(acknowledged.ContinueWith(t =>
                {
                    var at = clock.ElapsedTicks;
                    t.GetAwaiter().GetResult(); // a failed append fails the benchmark
                    lock (gate)
                    {
                        ackedAt[id] = at;
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            }

            var sent = clock.Elapsed - started;
            await Task.WhenAll(acks);
            lock (gate)
            {
                sending = false;
            }

            await poller;
            // Each batch stands for one 10 ms slot: the last one's slot ends 10 ms after it was sent.
            return new Result(lags, messages.Count / (sent.TotalSeconds + TickMs / 1000.0), batch);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await poller;
            }
            catch (Exception) when (!poller.IsCompletedSuccessfully)
            {
                // Its failure, if any, is already the benchmark's (rethrown above) or moot after another one.
            }
        }
    }
}
