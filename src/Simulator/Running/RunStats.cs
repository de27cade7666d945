namespace AdOrleans.Simulator.Running;

/// <summary>Live counters of a run, read by the progress display and the hosted service's log line.</summary>
public sealed class RunStats
{
    private long _eventsSent;
    private long _eventsAccepted;
    private long _eventsRejected;
    private long _eventsDropped;
    private long _requests;
    private long _status429;
    private long _status503;
    private long _transportErrors;
    private long _otherErrors;
    private long _auctions;
    private long _noBids;
    private long _adsSkipped;
    private string? _lastError;

    public LatencyRecorder Latency { get; } = new();

    public long EventsSent => Interlocked.Read(ref _eventsSent);
    public long EventsAccepted => Interlocked.Read(ref _eventsAccepted);
    public long EventsRejected => Interlocked.Read(ref _eventsRejected);
    public long EventsDropped => Interlocked.Read(ref _eventsDropped);
    public long Requests => Interlocked.Read(ref _requests);
    public long Status429 => Interlocked.Read(ref _status429);
    public long Status503 => Interlocked.Read(ref _status503);
    public long TransportErrors => Interlocked.Read(ref _transportErrors);
    public long OtherErrors => Interlocked.Read(ref _otherErrors);
    public long Auctions => Interlocked.Read(ref _auctions);
    public long NoBids => Interlocked.Read(ref _noBids);

    /// <summary>Ad opportunities not run because every auction worker was busy (nothing sent, nothing in the truth).</summary>
    public long AdsSkipped => Interlocked.Read(ref _adsSkipped);

    public string? LastError => Volatile.Read(ref _lastError);

    public void Sent(int events) => Interlocked.Add(ref _eventsSent, events);
    public void Accepted(int events) => Interlocked.Add(ref _eventsAccepted, events);
    public void Rejected(int events) => Interlocked.Add(ref _eventsRejected, events);
    public void Dropped(int events) => Interlocked.Add(ref _eventsDropped, events);
    public void Request() => Interlocked.Increment(ref _requests);
    public void TooManyRequests() => Interlocked.Increment(ref _status429);
    public void Unavailable() => Interlocked.Increment(ref _status503);
    public void Auction(bool won)
    {
        Interlocked.Increment(ref _auctions);
        if (!won)
        {
            Interlocked.Increment(ref _noBids);
        }
    }

    public void AdSkipped() => Interlocked.Increment(ref _adsSkipped);

    public void TransportError(string message)
    {
        Interlocked.Increment(ref _transportErrors);
        Volatile.Write(ref _lastError, message);
    }

    public void Error(string message)
    {
        Interlocked.Increment(ref _otherErrors);
        Volatile.Write(ref _lastError, message);
    }
}
