namespace AdOrleans.Runtime;

/// <summary>Delivers one log record to the grain its key names, and reports to the batch when done.</summary>
internal sealed class RecordTurn(LogRecord record, PartitionBatch batch) : Turn
{
    public override ValueTask ExecuteAsync(Activation activation)
    {
        if (!activation.HasUncommittedChanges)
        {
            activation.HasUncommittedChanges = true;
            batch.AddChanged(activation);
        }

        ValueTask pending;
        try
        {
            pending = ((ILogConsumerGrain)activation.Grain).OnLogRecordAsync(record);
        }
        catch (Exception e)
        {
            activation.ReportTurnFailure(e);
            batch.TurnDone();
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            batch.TurnDone();
            return default;
        }

        return AwaitAsync(pending, activation);
    }

    private async ValueTask AwaitAsync(ValueTask pending, Activation activation)
    {
        try
        {
            await pending;
        }
        catch (Exception e)
        {
            activation.ReportTurnFailure(e);
        }
        finally
        {
            batch.TurnDone();
        }
    }

    public override void Abort(Exception reason) => batch.TurnDone();
}
