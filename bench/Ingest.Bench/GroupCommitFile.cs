using System.Threading.Channels;

namespace AdOrleans.Ingest.Bench;

/// <summary>
/// A plain durable append: callers queue records, one writer takes everything queued, writes it, fsyncs once and
/// completes those callers. The least a durable 202 costs here, for <see cref="ReferenceServer"/>.
/// </summary>
internal sealed class GroupCommitFile : IAsyncDisposable
{
    private readonly Channel<(byte[][] Records, TaskCompletionSource Durable)> queue =
        Channel.CreateUnbounded<(byte[][], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream file;
    private readonly Task writer;

    public GroupCommitFile(string path)
    {
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        writer = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task AppendAsync(byte[][] records)
    {
        // Completed on the writer's thread: it resumes the waiting requests itself after each fsync. Completing them
        // asynchronously (a pool work item each) made the reference 17,700 events/s at 58 µs instead of ~23,000 at 40.
        var durable = new TaskCompletionSource();
        if (!queue.Writer.TryWrite((records, durable)))
        {
            durable.SetException(new ObjectDisposedException(nameof(GroupCommitFile)));
        }

        return durable.Task;
    }

    private void Write()
    {
        var committed = new List<TaskCompletionSource>();
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (queue.Reader.TryRead(out var item))
            {
                foreach (var record in item.Records)
                {
                    file.Write(record);
                    file.WriteByte((byte)'\n');
                }

                committed.Add(item.Durable);
            }

            file.Flush(flushToDisk: true);
            committed.ForEach(durable => durable.SetResult());
            committed.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.Complete();
        await writer;
        await file.DisposeAsync();
    }
}
