using System.Text;
using System.Text.Json;
using AdOrleans.Gateway.Events;

namespace AdOrleans.Service.Tests;

/// <summary>
/// The ingest 202 is written by hand (<see cref="EventsAcceptedResult"/>): its JSON must stay what the serializer wrote
/// (over HTTP: EventIngestionTests).
/// </summary>
public sealed class EventsAcceptedWritingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void TheWrittenJsonIsTheSerializersWithTheWebDefaults(int accepted)
    {
        Span<byte> body = stackalloc byte[32];
        var length = EventsAcceptedResult.Write(body, accepted);

        Assert.Equal(JsonSerializer.Serialize(new EventsAccepted(accepted), JsonSerializerOptions.Web), Encoding.UTF8.GetString(body[..length]));
    }
}
