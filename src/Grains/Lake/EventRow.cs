using System.Text.Json.Serialization;
using AdOrleans.Log;
using Parquet.Serialization.Attributes;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// One event as a row of the lake. The date and channel are not columns: they are the Hive partition of the file's
/// directory (<c>date=…/channel=…</c>), which DuckDB and Spark read back as columns. The log position makes every row
/// traceable to its record and lets a reader check that no offset appears twice.
/// </summary>
public sealed class EventRow
{
    [JsonPropertyName("log_partition")]
    public int LogPartition { get; set; }

    [JsonPropertyName("log_offset")]
    public long LogOffset { get; set; }

    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("campaign_id")]
    public string? CampaignId { get; set; }

    [JsonPropertyName("creative_id")]
    public string? CreativeId { get; set; }

    [JsonPropertyName("slot_id")]
    public string? SlotId { get; set; }

    [JsonPropertyName("auction_id")]
    public string? AuctionId { get; set; }

    /// <summary>The column erasure and export look for a user in (<see cref="ParquetRows.AnyAsync"/>).</summary>
    public const string UserIdColumn = "user_id";

    [JsonPropertyName(UserIdColumn)]
    public string? UserId { get; set; }

    [JsonPropertyName("bid_type")]
    public string? BidType { get; set; }

    [JsonPropertyName("value_micros")]
    public long ValueMicros { get; set; }

    [JsonPropertyName("price_micros")]
    public long PriceMicros { get; set; }

    [JsonPropertyName("charge_micros")]
    public long ChargeMicros { get; set; }

    [JsonPropertyName("segments")]
    public List<string>? Segments { get; set; }

    // Milliseconds: Parquet.Net 6.1 writes the min/max statistics of microsecond timestamps in milliseconds, so a
    // reader that prunes row groups by them (DuckDB does, for any WHERE on the column) would skip every row.
    [JsonPropertyName("occurred_at")]
    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true)]
    public DateTime OccurredAt { get; set; }

    [JsonPropertyName("received_at")]
    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true)]
    public DateTime ReceivedAt { get; set; }

    public static EventRow From(LogRecord record, TrackedEvent e) => new()
    {
        LogPartition = record.Partition,
        LogOffset = record.Offset,
        EventId = e.EventId,
        Type = e.Type,
        CampaignId = e.CampaignId,
        CreativeId = e.CreativeId,
        SlotId = e.SlotId,
        AuctionId = e.AuctionId,
        UserId = e.UserId,
        BidType = e.BidType,
        ValueMicros = e.ValueMicros,
        PriceMicros = e.PriceMicros,
        ChargeMicros = e.ChargeMicros,
        Segments = e.Segments is { Count: > 0 } s ? [.. s] : null,
        OccurredAt = e.OccurredAt.UtcDateTime,
        ReceivedAt = e.ReceivedAt.UtcDateTime,
    };
}
