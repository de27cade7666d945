using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

/// <summary>
/// The embedded log's partition count: a new data directory gets <see cref="LogOptions.EmbeddedPartitions"/> when
/// Log:Partitions is unset, an existing one keeps the count it was created with (as those made with the earlier
/// default of 16 do), and a configured count that differs from the disk's is refused rather than read under the wrong
/// partitions.
/// </summary>
public sealed class LogPartitionCountTests
{
    private static EmbeddedServiceFactory Start(int? partitions, string? directory = null) => new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-partition-tests",
        DataDirectory = directory,
        DeleteOnDispose = directory is not null,
        Partitions = partitions,
    });

    private static int EventsPartitions(EmbeddedServiceFactory service) =>
        service.Services.GetRequiredService<IPartitionedLog>().PartitionCount(Topics.Events);

    [Fact]
    public async Task ANewDataDirectoryGetsTheEmbeddedDefaultWhenLogPartitionsIsUnset()
    {
        await using var service = Start(partitions: null);

        Assert.Equal(LogOptions.EmbeddedPartitions, EventsPartitions(service));
    }

    [Fact]
    public async Task ADataDirectoryKeepsThePartitionCountItWasCreatedWithWhenLogPartitionsIsUnset()
    {
        var directory = await DataDirectoryCreatedWithAsync(partitions: 6);

        await using var restarted = Start(partitions: null, directory);

        Assert.Equal(6, EventsPartitions(restarted));
    }

    [Fact]
    public async Task AConfiguredPartitionCountThatDiffersFromTheDataDirectorysIsRefusedNamingWhatToSet()
    {
        var directory = await DataDirectoryCreatedWithAsync(partitions: 6);

        await using var restarted = Start(partitions: 3, directory);

        var refused = Assert.ThrowsAny<Exception>(() => restarted.Services);
        Assert.Contains("set Log:Partitions to 6", Flatten(refused), StringComparison.Ordinal);
    }

    private static async Task<string> DataDirectoryCreatedWithAsync(int partitions)
    {
        await using var first = Start(partitions);
        Assert.Equal(partitions, EventsPartitions(first));
        return first.DataDirectory;
    }

    private static string Flatten(Exception e) =>
        e is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is null ? "" : " | " + Flatten(e.InnerException));
}
