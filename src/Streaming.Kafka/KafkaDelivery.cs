using Confluent.Kafka;

namespace AdOrleans.Streaming.Kafka;

/// <summary>Counts the delivery reports of one append; completes with the first error, or null when all were acknowledged.</summary>
internal sealed class KafkaDelivery(int count)
{
    private readonly TaskCompletionSource<Error?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = count;

    public Task<Error?> Completion => _done.Task;

    /// <summary>Runs on the producer's poll thread: keep it short.</summary>
    public void Report(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _done.TrySetResult(report.Error);
        }
        else if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult(null);
        }
    }
}
