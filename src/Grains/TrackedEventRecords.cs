using System.Text.Json;
using AdOrleans.Runtime;

namespace AdOrleans.Grains;

public static class TrackedEventRecords
{
    private static readonly Func<ReadOnlyMemory<byte>, TrackedEvent> Parse = static value =>
        JsonSerializer.Deserialize(value.Span, GrainJsonContext.Default.TrackedEvent) ?? throw new InvalidDataException("An events record holds JSON null.");

    /// <summary>The event on an events-topic record, parsed once for all the grain types that consume it.</summary>
    public static TrackedEvent TrackedEvent(this LogRecord record) => record.Decode(Parse);
}
