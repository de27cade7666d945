using Microsoft.Win32.SafeHandles;

namespace AdOrleans.Streaming.Files;

public sealed partial class FileLog
{
    private readonly Thread _writer;
    private readonly ManualResetEventSlim _wake = new();
    private readonly TaskCompletionSource _writerStopped = NewCommit();

    /// <summary>
    /// The single writer. Each round takes everything appended since the last one, writes it, fsyncs the touched
    /// files together, publishes the records and completes the appends: appends arriving during an fsync share the next.
    /// </summary>
    private void WriteLoop()
    {
        var writing = new List<PartitionLog>();
        var toFlush = new List<SafeFileHandle>();
        try
        {
            while (true)
            {
                _wake.Wait();
                if (_options.Linger > TimeSpan.Zero)
                {
                    Thread.Sleep(_options.Linger);
                }

                // Reset before taking the buffers: an append after this point sets it again and is not missed.
                _wake.Reset();
                TaskCompletionSource commit;
                bool stopping;
                lock (_gate)
                {
                    (writing, _dirty) = (_dirty, writing);
                    foreach (var partition in writing)
                    {
                        partition.TakePending();
                    }

                    commit = _commit;
                    _commit = NewCommit();
                    _pendingBytes = 0;
                    stopping = _disposed;
                }

                if (!TryCommit(writing, toFlush, commit))
                {
                    return;
                }

                writing.Clear();
                toFlush.Clear();
                if (stopping)
                {
                    return;
                }
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    private bool TryCommit(List<PartitionLog> writing, List<SafeFileHandle> toFlush, TaskCompletionSource commit)
    {
        try
        {
            foreach (var partition in writing)
            {
                partition.WritePending(toFlush);
            }

            if (toFlush.Count > 0)
            {
                _flushPool.FlushAll(toFlush);
            }

            foreach (var partition in writing)
            {
                partition.Publish();
            }

            commit.TrySetResult();
            return true;
        }
        catch (Exception e)
        {
            // After a failed write or fsync the page cache may hold bytes that never reach the disk (and a retried
            // fsync can report success for them), so nothing more is acknowledged: reopening recovers from the files.
            FileLogLog.WriterFailed(_logger, e);
            TaskCompletionSource next;
            lock (_gate)
            {
                _failure = e;
                next = _commit;
            }

            commit.TrySetException(Unavailable(e));
            next.TrySetException(Unavailable(e));
            return false;
        }
    }
}
