using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// Source-generated metadata for the auction request and response types, put first in the HTTP JSON resolver chain:
/// the hot path then reads and writes them without reflection. Same web defaults as the HTTP options, so the
/// contract is unchanged.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuctionRequest))]
[JsonSerializable(typeof(AuctionResponse))]
[JsonSerializable(typeof(BidRequest))]
[JsonSerializable(typeof(BidResponse))]
internal sealed partial class AuctionJsonContext : JsonSerializerContext;
