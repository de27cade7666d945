namespace AdOrleans.Runtime;

/// <summary>Marker for grain interfaces: the only thing callers see of a grain.</summary>
public interface IGrain;

/// <summary>
/// A grain that is implicitly subscribed to the log topics its registration names:
/// every record whose key is this grain's key is delivered to it, in partition order, as a turn.
/// </summary>
public interface ILogConsumerGrain : IGrain
{
    ValueTask OnLogRecordAsync(LogRecord record);
}
