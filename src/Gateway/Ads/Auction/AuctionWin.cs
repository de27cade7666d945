using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// The 200 of <c>POST /v1/auction</c>: the same JSON as <c>Ok&lt;AuctionResponse&gt;</c> with the web defaults (property
/// names, order and escaping; a test holds it to the serializer's output), written with a per-thread
/// <see cref="Utf8JsonWriter"/> and copied into the response with its Content-Length. <c>Ok&lt;T&gt;</c> created a
/// logger from the factory (under its lock) and ran the serializer's async path for every auction; this writes
/// synchronously and leaves the flush to the server at the end of the request.
/// </summary>
public sealed class AuctionWin(AuctionResponse value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<AuctionResponse>, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public AuctionResponse Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        Write(writer, value);
        writer.Flush();

        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        return Task.CompletedTask;
    }

    /// <summary>The response object as <see cref="JsonSerializerDefaults.Web"/> writes it: camelCase, declaration order.</summary>
    public static void Write(Utf8JsonWriter writer, AuctionResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString("auctionId"u8, response.AuctionId);
        writer.WriteString("campaignId"u8, response.CampaignId);
        writer.WriteString("creativeId"u8, response.CreativeId);
        writer.WriteString("creativeUrl"u8, response.CreativeUrl);
        writer.WriteNumber("priceMicros"u8, response.PriceMicros);
        writer.WriteString("impressionUrl"u8, response.ImpressionUrl);
        writer.WriteString("clickUrl"u8, response.ClickUrl);
        writer.WriteEndObject();
    }

    /// <summary>What <c>Ok&lt;AuctionResponse&gt;</c> declares, so the OpenAPI document is unchanged.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AuctionResponse), ["application/json"]));
}
