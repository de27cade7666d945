namespace AdOrleans.Lake.Bench;

/// <summary>Samples the process's RSS and managed heap every 10 ms until disposed and keeps the largest of each.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakRss;
    private long _peakHeap;

    public PeakMemorySampler() => _sampling = Task.Run(SampleAsync);

    public long PeakRss => Volatile.Read(ref _peakRss);

    public long PeakHeap => Volatile.Read(ref _peakHeap);

    public void Dispose()
    {
        _stop.Cancel();
        _sampling.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        do
        {
            Raise(ref _peakRss, Environment.WorkingSet);
            Raise(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        }
        while (await Wait(timer));
    }

    private async Task<bool> Wait(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Only the sampling task writes the peaks.
    private static void Raise(ref long peak, long value)
    {
        if (value > Volatile.Read(ref peak))
        {
            Volatile.Write(ref peak, value);
        }
    }
}
