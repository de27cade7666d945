using System.Runtime.InteropServices;

namespace AdOrleans.Bench;

/// <summary>
/// How every benchmark process ends (docs/benchmarks-running.md), so that a script or CI running it never waits
/// forever and never reads a failure as a result. SIGINT, SIGTERM and the time limit (BENCH_TIMEOUT_SECONDS, 0 for
/// none) cancel the token the benchmark runs with, so it can delete its data; the process then exits 130, 143 or 124.
/// A second signal exits at once, and so does a clean-up still running 20 s after the first. Any exception is a
/// failure: "BENCHMARK FAILED" and the exception on stderr, exit 1.
/// </summary>
internal static class BenchmarkProcess
{
    public const int Failed = 1;
    public const int UsageError = 2;
    public const int TimedOut = 124; // as timeout(1)

    private static readonly TimeSpan CleanupGrace = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(TimeSpan defaultLimit, Func<CancellationToken, Task> benchmark)
    {
        if (!TryReadLimit(defaultLimit, out var limit))
        {
            Console.Error.WriteLine($"BENCH_TIMEOUT_SECONDS must be a whole number of seconds (0: no limit), not '{Environment.GetEnvironmentVariable("BENCH_TIMEOUT_SECONDS")}'");
            return UsageError;
        }

        using var cancel = new CancellationTokenSource();
        var exitCode = 0; // set once, by whatever stops the benchmark first
        var gate = new Lock();

        void Stop(int code, string message)
        {
            lock (gate)
            {
                if (exitCode != 0)
                {
                    Environment.Exit(exitCode); // second signal: now
                }

                exitCode = code;
            }

            Console.Error.WriteLine(message);
            cancel.Cancel();
            _ = Task.Delay(CleanupGrace).ContinueWith(_ => Environment.Exit(code), TaskScheduler.Default);
        }

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // the benchmark exits itself, after its clean-up
            Stop(context.Signal == PosixSignal.SIGTERM ? 143 : 130, $"# {context.Signal}: stopping");
        }

        void OnTimeLimit()
        {
            if (!cancel.IsCancellationRequested) // already stopping for a signal: its clean-up has its own deadline
            {
                Stop(TimedOut, $"BENCHMARK FAILED: time limit of {limit.TotalSeconds:0} s exceeded (BENCH_TIMEOUT_SECONDS); stopping");
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await using var timer = limit > TimeSpan.Zero
            ? new Timer(_ => OnTimeLimit(), null, limit, Timeout.InfiniteTimeSpan)
            : null;
        try
        {
            await benchmark(cancel.Token);
        }
        catch (Exception e) when (cancel.IsCancellationRequested)
        {
            // Stopped by a signal or the time limit: the cause is already on stderr; anything else thrown on the way out too.
            Console.Error.WriteLine(e is OperationCanceledException ? "# stopped; no result" : $"# stopped; on the way out: {e.GetType().Name}: {e.Message}");
        }
        catch (BenchmarkFailedException e)
        {
            Console.Error.WriteLine($"BENCHMARK FAILED: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"BENCHMARK FAILED: {e}");
            return Failed;
        }

        lock (gate)
        {
            return exitCode; // a benchmark that returns after being cancelled has no complete result either
        }
    }

    private static bool TryReadLimit(TimeSpan defaultLimit, out TimeSpan limit)
    {
        var text = Environment.GetEnvironmentVariable("BENCH_TIMEOUT_SECONDS");
        limit = defaultLimit;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, out var seconds) || seconds < 0)
        {
            return false;
        }

        limit = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
