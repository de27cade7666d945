namespace AdOrleans.Streaming.Files;

public sealed partial class FileLog
{
    public ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_disposed || _failure is not null || !_writer.IsAlive)
            {
                return ValueTask.FromResult(false);
            }
        }

        try
        {
            // Shared, so that concurrent probes do not fail each other.
            using var probe = File.OpenHandle(
                Path.Combine(_options.Directory, ".ping"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, FileOptions.DeleteOnClose);
            RandomAccess.Write(probe, "ping"u8, 0);
            return ValueTask.FromResult(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileLogLog.NotWritable(_logger, _options.Directory, e);
            return ValueTask.FromResult(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // The writer commits what was appended before the gate closed, then stops.
        _wake.Set();
        await _writerStopped.Task;
        _flushPool.Dispose();
        _journal.Dispose();
        // _wake is not disposed: an appender that got in before the gate closed may still set it, and it holds no handle.
        CloseFiles();
    }

    private void CloseFiles()
    {
        foreach (var partition in _topics.Values.SelectMany(p => p).Where(p => p is not null))
        {
            partition.Dispose();
        }

        _directoryLock.Dispose();
    }
}
