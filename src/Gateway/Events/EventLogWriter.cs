using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Log;

namespace AdOrleans.Gateway.Events;

/// <summary>Appends validated events to the events topic as the pipeline reads them (JSON, keyed by their partition key).</summary>
public static class EventLogWriter
{
    /// <exception cref="LogUnavailableException">The log cannot take them now: nothing is acknowledged.</exception>
    public static ValueTask AppendAsync(IPartitionedLog log, IReadOnlyList<TrackedEvent> events, CancellationToken cancellationToken) =>
        log.AppendAsync(Topics.Events, [.. events.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent)))], cancellationToken);
}
