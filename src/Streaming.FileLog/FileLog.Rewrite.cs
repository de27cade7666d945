using AdOrleans.Log;

namespace AdOrleans.Streaming.Files;

public sealed partial class FileLog : IRewritableLog
{
    private TaskCompletionSource? _checkpointRequest;

    /// <summary>
    /// Rewrites every partition's segment files (<see cref="PartitionRewrite"/>), then has the writer checkpoint the
    /// journal: the segment files are fsynced and the journal files, which hold the old bytes of recent records, are
    /// deleted. A crash in between is harmless: journal replay skips frames the segment files already hold.
    /// </summary>
    public async Task<long> RewriteAsync(string topic, RecordRewrite rewrite, CancellationToken cancellationToken)
    {
        var changed = 0L;
        foreach (var partition in Get(topic))
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed += await Task.Run(() => PartitionRewrite.Run(partition, rewrite, _options), cancellationToken);
        }

        Task checkpoint;
        lock (_gate)
        {
            ThrowIfUnavailable();
            _checkpointRequest ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            checkpoint = _checkpointRequest.Task;
        }

        _wake.Set();
        await checkpoint.WaitAsync(cancellationToken);
        FileLogLog.Rewritten(_logger, topic, changed);
        return changed;
    }

    /// <summary>Writer side, under the gate: the request a checkpoint of this round will answer.</summary>
    private TaskCompletionSource? TakeCheckpointRequest()
    {
        var request = _checkpointRequest;
        _checkpointRequest = null;
        return request;
    }
}
