using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Lake;

/// <summary>What the billing archiver stores: the last hour archived and its manifest.</summary>
public sealed class LakeBillingArchiverState
{
    public DateTimeOffset? ArchivedThroughHour { get; set; }

    public List<LakeFile> Files { get; set; } = [];
}

/// <summary>
/// Archives billing lines (the campaign grains' hourly rows, read through <see cref="IBillingSource"/>) one file per
/// hour once the hour is closed (<see cref="LakeOptions.BillingCloseAfter"/> after its end). Exactly once as the events:
/// the file, named by its hour, is written atomically before the state that lists it and moves the hour on; a file
/// the state does not list is a crash's leftover and is deleted at activation. Hours without lines get no file. The
/// first run starts <see cref="FirstRunHours"/> back (older lines are in the store's billing report).
/// </summary>
[GrainType(ILakeBillingArchiverGrain.GrainType)]
public sealed partial class LakeBillingArchiverGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<LakeBillingArchiverState> storage,
    IBillingSource billing,
    IOptions<LakeOptions> options,
    TimeProvider clock,
    ILogger<LakeBillingArchiverGrain> logger)
    : Grain, ILakeBillingArchiverGrain
{
    public const int FirstRunHours = 48;

    private readonly LakeOptions _options = options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_options.Root.Length == 0)
        {
            return Task.CompletedTask;
        }

        var listed = storage.State.Files.Select(f => LakePaths.Full(_options.Root, f.Path)).ToHashSet(StringComparer.Ordinal);
        return Task.Run(() =>
        {
            var directory = Path.Combine(_options.Root, LakePaths.Billing);
            if (!Directory.Exists(directory))
            {
                return;
            }

            foreach (var stray in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !listed.Contains(f)).ToList())
            {
                LakeDirectory.Delete(stray);
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LakeFile>> GetFilesAsync() => Task.FromResult<IReadOnlyList<LakeFile>>([.. storage.State.Files]);

    public async Task ArchiveAsync()
    {
        if (!_options.Enabled || _options.Root.Length == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var closedBefore = Hour(now - _options.BillingCloseAfter) - TimeSpan.FromHours(1);
        var next = storage.State.ArchivedThroughHour is { } last ? last.AddHours(1) : Hour(now).AddHours(-FirstRunHours);
        var written = new List<LakeFile>();
        for (var hour = next; hour <= closedBefore; hour = hour.AddHours(1))
        {
            var lines = await billing.LinesAsync(hour, hour.AddHours(1), CancellationToken.None);
            if (lines.Count > 0)
            {
                written.Add(await Task.Run(() => WriteAsync(hour, lines, now)));
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var expired = _options.RetentionDays > 0 ? storage.State.Files.Where(f => f.Date < today.AddDays(-_options.RetentionDays)).ToList() : [];
        if (next > closedBefore && expired.Count == 0)
        {
            return;
        }

        storage.State.Files = [.. storage.State.Files.Except(expired), .. written];
        storage.State.ArchivedThroughHour = next > closedBefore ? storage.State.ArchivedThroughHour : closedBefore;
        try
        {
            await storage.WriteStateAsync();
        }
        catch (Exception)
        {
            // Memory is ahead of the store: start again from the stored state (the new files are strays to it).
            DeactivateOnIdle();
            throw;
        }

        foreach (var file in expired)
        {
            LakeDirectory.Delete(LakePaths.Full(_options.Root, file.Path));
        }

        Log.Archived(logger, written.Count, written.Sum(f => f.Rows), expired.Count);
    }

    private async Task<LakeFile> WriteAsync(DateTimeOffset hour, IReadOnlyList<BillingLine> lines, DateTimeOffset now)
    {
        var rows = lines.Select(l => new BillingLineRow
        {
            CampaignId = l.CampaignId, CreativeId = l.CreativeId, HourStart = hour.UtcDateTime,
            Impressions = l.Impressions, Clicks = l.Clicks, Conversions = l.Conversions, SpendMicros = l.SpendMicros,
        }).ToList();
        var path = LakePaths.BillingFile(hour);
        var bytes = await ParquetRows.WriteAsync(LakePaths.Full(_options.Root, path), rows);
        return new LakeFile
        {
            Path = path, Dataset = LakePaths.Billing, Date = DateOnly.FromDateTime(hour.UtcDateTime), Channel = null, Partition = -1,
            Rows = rows.Count, Bytes = bytes, Offsets = [], CreatedAt = now,
        };
    }

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "The lake's billing archiver wrote {Files} hourly files ({Rows} lines) and expired {Expired}")]
        public static partial void Archived(ILogger logger, int files, long rows, int expired);
    }
}
