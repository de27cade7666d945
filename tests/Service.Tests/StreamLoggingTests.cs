using AdOrleans.Grains.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Service.Tests;

public sealed class StreamLoggingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>Orleans names a pulling agent's logger after its namespace and stream provider (PersistentStreamPullingAgent's constructor).</summary>
    [Theory]
    [InlineData(StreamNamespaces.ProviderName)]
    [InlineData(StreamNamespaces.CommandsProviderName)]
    public void The_pulling_agents_per_poll_backpressure_message_is_not_logged_but_their_warnings_are(string provider)
    {
        var logger = _service.Services.GetRequiredService<ILoggerFactory>().CreateLogger($"Orleans.Streams.{provider}");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Which_queues_a_silo_owns_is_still_logged_at_information()
    {
        var logger = _service.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger($"Orleans.Streams.PersistentStreamPullingManager.{StreamNamespaces.ProviderName}");

        Assert.True(logger.IsEnabled(LogLevel.Information));
    }
}
