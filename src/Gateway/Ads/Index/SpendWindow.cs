namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// The expected charges of this gateway's recent wins, over a sliding window of 100 ms buckets. The auction
/// subtracts them from the budget the index shows, because the index only learns of them after the propagation delay.
/// </summary>
public sealed class SpendWindow(TimeSpan window)
{
    private const long BucketMs = 100;
    private readonly long[] _amounts = new long[(int)(window.TotalMilliseconds / BucketMs) + 1];
    private readonly long[] _bucketIds = new long[(int)(window.TotalMilliseconds / BucketMs) + 1];
    private readonly Lock _lock = new();

    public void Add(long amountMicros, long nowMs)
    {
        var id = nowMs / BucketMs;
        var i = (int)(id % _amounts.Length);
        lock (_lock)
        {
            if (_bucketIds[i] != id)
            {
                (_bucketIds[i], _amounts[i]) = (id, 0);
            }

            _amounts[i] += amountMicros;
        }
    }

    public long Sum(long nowMs)
    {
        var oldest = nowMs / BucketMs - _amounts.Length + 1;
        long sum = 0;
        lock (_lock)
        {
            for (var i = 0; i < _amounts.Length; i++)
            {
                if (_bucketIds[i] >= oldest)
                {
                    sum += _amounts[i];
                }
            }
        }

        return sum;
    }
}
