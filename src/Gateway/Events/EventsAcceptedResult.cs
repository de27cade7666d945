using System.Buffers;
using System.Buffers.Text;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace AdOrleans.Gateway.Events;

/// <summary>
/// The 202 of <c>POST /v1/events</c> and <c>/v1/events/batch</c>: <c>{"accepted":N}</c>, the bytes
/// <c>Accepted&lt;EventsAccepted&gt;</c> writes with the web defaults (a test holds it to the serializer's output), with
/// its Content-Length, written synchronously. <c>Accepted&lt;T&gt;</c> opened a request scope and created a logger from
/// the factory (under its lock) for every event, and sent the body chunked through the serializer's async path.
/// </summary>
public sealed class EventsAcceptedResult(int accepted) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<EventsAccepted>, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    public EventsAccepted Value => new(accepted);

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status202Accepted;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        Span<byte> body = stackalloc byte[32];
        var length = Write(body, accepted);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = length;
        response.BodyWriter.Write(body[..length]);
        return Task.CompletedTask;
    }

    /// <summary>Writes <c>{"accepted":N}</c> into <paramref name="destination"/> (at least 25 bytes) and returns its length.</summary>
    public static int Write(Span<byte> destination, int accepted)
    {
        "{\"accepted\":"u8.CopyTo(destination);
        var length = 12;
        Utf8Formatter.TryFormat(accepted, destination[length..], out var digits);
        length += digits;
        destination[length++] = (byte)'}';
        return length;
    }

    /// <summary>What <c>Accepted&lt;EventsAccepted&gt;</c> declares, so the OpenAPI document is unchanged.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(EventsAccepted), ["application/json"]));
}
