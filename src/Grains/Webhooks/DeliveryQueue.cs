using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace AdOrleans.Grains.Webhooks;

/// <summary>
/// Outbound deliveries run off the grains' turns, each job as its own task so that a slow receiver holds up no other:
/// what the signed webhooks and the alert email share. Jobs running when the process stops get the host's shutdown
/// token; queued ones are lost (their owners' records show how far they got).
/// </summary>
public abstract class DeliveryQueue<TJob> : BackgroundService
{
    private readonly Channel<TJob> _queue = Channel.CreateUnbounded<TJob>();

    protected void Add(TJob job) => _queue.Writer.TryWrite(job);

    /// <summary>Delivers one job (retrying as its policy says); an exception is the job's failure, logged by the implementation.</summary>
    protected abstract Task DeliverAsync(TJob job, CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(DeliverAsync(job, stoppingToken));
        }

        await Task.WhenAll(running);
    }
}
