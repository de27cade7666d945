using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// Cuts events into batches for <c>POST /v1/events/batch</c> and posts them with bounded concurrency. A full queue
/// makes producers wait: the simulator slows down rather than buffering without bound. Only a 202 puts a batch
/// into the "accepted" ground truth.
/// </summary>
public sealed class EventSender
{
    private readonly ApiClient _client;
    private readonly TruthRecorder _truth;
    private readonly int _batchSize;
    private readonly Channel<SimEvent[]> _queue;
    private readonly Task[] _workers;
    private readonly Lock _lock = new();
    private List<SimEvent> _pending;

    public EventSender(ApiClient client, TruthRecorder truth, int batchSize, int concurrency)
    {
        _client = client;
        _truth = truth;
        _batchSize = batchSize;
        _pending = new List<SimEvent>(batchSize);
        _queue = Channel.CreateBounded<SimEvent[]>(new BoundedChannelOptions(concurrency * 2) { SingleReader = false });
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync))];
    }

    public async ValueTask AddAsync(IEnumerable<SimEvent> events, CancellationToken cancellationToken)
    {
        List<SimEvent[]>? full = null;
        lock (_lock)
        {
            foreach (var e in events)
            {
                _pending.Add(e);
                if (_pending.Count >= _batchSize)
                {
                    (full ??= []).Add([.. _pending]);
                    _pending.Clear();
                }
            }
        }

        foreach (var batch in full ?? [])
        {
            await _queue.Writer.WriteAsync(batch, cancellationToken);
        }
    }

    /// <summary>Sends what is pending, then waits until every batch has its answer.</summary>
    public async Task CompleteAsync()
    {
        SimEvent[] rest;
        lock (_lock)
        {
            rest = [.. _pending];
            _pending = [];
        }

        if (rest.Length > 0)
        {
            await _queue.Writer.WriteAsync(rest);
        }

        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync())
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new SimEventBatch { Events = batch }, SimJsonContext.Default.SimEventBatch);
            _truth.Sent(batch);
            _client.Stats.Sent(batch.Length);
            var response = await _client.SendAsync(HttpMethod.Post, "/v1/events/batch", ApiKey.Client, body, CancellationToken.None);
            Settle(batch, response);
        }
    }

    private void Settle(SimEvent[] batch, ApiResponse response)
    {
        if (response.Answered && response.Status == HttpStatusCode.Accepted)
        {
            _truth.Accepted(batch);
            _client.Stats.Accepted(batch.Length);
            return;
        }

        if (response.Uncertain)
        {
            _truth.Uncertain(batch.Length);
        }

        if (response.Answered && response.Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            _client.Stats.Rejected(batch.Length);
            _client.Stats.Error($"{(int)response.Status} on /v1/events/batch: {Snippet(response.Body)}");
        }
        else
        {
            _client.Stats.Dropped(batch.Length);
        }
    }

    internal static string Snippet(byte[] body) => body.Length == 0 ? "(empty)" : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
