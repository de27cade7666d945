namespace AdOrleans.Log;

/// <summary>Reads a reader up to and including an offset: the range scan of logs whose readers are independent of each other.</summary>
public static class PartitionScan
{
    public static async Task ScanAsync(IPartitionReader reader, long toOffset, Action<LogRecord> each, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var batch = new List<LogRecord>(1024);
        while (reader.Position <= toOffset)
        {
            batch.Clear();
            if (reader.Read(batch, batch.Capacity) == 0)
            {
                if (!await reader.WaitForRecordsAsync(timeout, cancellationToken))
                {
                    throw new TimeoutException($"The log did not reach offset {toOffset} within {timeout} (at {reader.Position}).");
                }

                continue;
            }

            foreach (var record in batch.Where(r => r.Offset <= toOffset))
            {
                each(record);
            }
        }
    }
}
