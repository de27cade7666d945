using System.Buffers;
using System.Text;
using AdOrleans.Log;

namespace AdOrleans.Streaming.Files;

public sealed partial class FileLog
{
    public async ValueTask AppendAsync(string topic, IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        var partitions = Get(topic);
        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count == 0)
        {
            return;
        }

        // Hashing, sizing and validation happen outside the gate; under it only offsets are taken and bytes copied.
        var plan = ArrayPool<int>.Shared.Rent(messages.Count * 2);
        Task commit;
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var keyBytes = Encoding.UTF8.GetByteCount(messages[i].Key);
                if (RecordFrame.Size(keyBytes, messages[i].Value.Length) > _options.MaxRecordBytes)
                {
                    throw new ArgumentException($"A record of key '{messages[i].Key}' is larger than {_options.MaxRecordBytes} bytes.", nameof(messages));
                }

                plan[2 * i] = KeyPartitioner.Partition(messages[i].Key, partitions.Length);
                plan[2 * i + 1] = keyBytes;
            }

            while (!TryEnqueue(partitions, messages, plan, out commit))
            {
                // Too much is waiting for the disk: let the commit in progress drain it first.
                await Task.WhenAny(commit).WaitAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(plan);
        }

        _wake.Set();
        await commit.WaitAsync(cancellationToken);
    }

    private bool TryEnqueue(PartitionLog[] partitions, IReadOnlyList<LogMessage> messages, int[] plan, out Task commit)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            ThrowIfUnavailable();
            commit = _commit.Task;
            if (_pendingBytes >= _options.MaxPendingBytes)
            {
                return false;
            }

            for (var i = 0; i < messages.Count; i++)
            {
                var partition = partitions[plan[2 * i]];
                if (!partition.HasPending)
                {
                    _dirty.Add(partition);
                }

                _pendingBytes += partition.Append(messages[i].Key, plan[2 * i + 1], messages[i].Value.Span, now);
            }

            return true;
        }
    }

    private void ThrowIfUnavailable()
    {
        if (_failure is not null)
        {
            throw Unavailable(_failure);
        }

        if (_disposed)
        {
            throw new LogUnavailableException("The local log is closed.");
        }
    }

    private static LogUnavailableException Unavailable(Exception cause) =>
        new("The local log failed to write to disk; reopen it to recover.", cause);
}
