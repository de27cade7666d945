using System.Text.Json;

namespace AdOrleans.Streaming;

/// <summary>Decodes a log record once for every grain kind that consumes it; throws on a record that cannot be an entry.</summary>
internal static class RecordDecoder
{
    public static LogEntry Decode(LogRecord record) => new()
    {
        Topic = record.Topic,
        Partition = record.Partition,
        Offset = record.Offset,
        Timestamp = record.Timestamp,
        Key = record.Key,
        Event = record.Topic == Topics.Events ? TrackedEventReader.Read(record.Value.Span) : null,
        Command = record.Topic == Topics.Commands ? Parse(record, AdJsonContext.Default.AdCommand) : null,
    };

    private static T Parse<T>(LogRecord record, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(record.Value.Span, type) ?? throw new JsonException("The record holds JSON null.");
}
