using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// Source-generated metadata for the KPI answers, first in the HTTP JSON resolver chain: a 30-day hourly
/// series is 720 points of 30 fields, and writing it by reflection was most of the request's time
/// (bench/Kpi.Bench). Same web defaults as the HTTP options, so the contract is unchanged.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KpiSeries))]
[JsonSerializable(typeof(KpiChannels))]
[JsonSerializable(typeof(KpiSummary))]
[JsonSerializable(typeof(KpiTop))]
[JsonSerializable(typeof(KpiChange))]
[JsonSerializable(typeof(SentimentReport))]
public sealed partial class KpiJsonContext : JsonSerializerContext;
