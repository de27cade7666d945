using AdOrleans.Grains.Attribution;
using AdOrleans.Log;

namespace AdOrleans.Grains.Audiences;

/// <summary>
/// Runs one clustering job in the background and keeps its result: features from every journey shard, the fit off
/// Orleans' threads, then one user segment per cluster (created through the segment grains, as an admin's PUT would)
/// so campaigns can target <c>cluster-&lt;run&gt;-&lt;n&gt;</c> at once. A run interrupted by a restart stays failed; start another.
/// </summary>
[GrainType("cluster-run")]
public sealed partial class ClusterRunGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<ClusterRunState> storage,
    IPartitionedLog log, TimeProvider clock, ILogger<ClusterRunGrain> logger)
    : Grain, IClusterRunGrain
{
    private bool _running;

    public async Task StartAsync(int? k, int seed)
    {
        if (storage.RecordExists)
        {
            return;
        }

        storage.State = new ClusterRunState { State = "running", K = k, Progress = "reading features" };
        await storage.WriteStateAsync();
        _running = true;
        _ = RunAsync(k, seed);
    }

    public Task<ClusterRun?> GetAsync()
    {
        if (!storage.RecordExists)
        {
            return Task.FromResult<ClusterRun?>(null);
        }

        var s = storage.State;
        var state = s.State == "running" && !_running ? "failed" : s.State;
        var failure = state == "failed" ? s.Failure ?? "The run was interrupted (the silo restarted); start another." : null;
        return Task.FromResult<ClusterRun?>(new ClusterRun(this.GetPrimaryKeyString(), state, s.K, s.Users, s.Silhouette, s.Segments, s.Progress, failure));
    }

    private async Task RunAsync(int? k, int seed)
    {
        var run = this.GetPrimaryKeyString();
        try
        {
            var now = clock.GetUtcNow();
            var shards = log.PartitionCount(Topics.Events);
            var rows = (await Task.WhenAll(Enumerable.Range(0, shards).Select(s =>
                GrainFactory.GetGrain<IJourneyShardGrain>(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).FeaturesAsync(now)))).SelectMany(r => r).ToList();
            var need = k ?? 2;
            if (rows.Count <= need)
            {
                throw new InvalidOperationException($"{rows.Count} users have journeys; clustering into {need} needs more.");
            }

            await ProgressAsync($"fitting {(k is null ? "k = 2..8" : $"k = {k}")} to {rows.Count} users", rows.Count);
            var raw = rows.Select(r => r.Values).ToList();
            var (chosen, silhouette, assignment, centroids) = await Task.Run(() => AudienceClustering.Run(raw, k, seed));
            var mean = Enumerable.Range(0, raw[0].Length).Select(d => raw.Average(r => r[d])).ToArray();
            var segments = centroids.Select((c, i) => new ClusterSegment(
                $"cluster-{run}-{i + 1}", assignment.Count(a => a == i),
                UserFeatures.Names.Select((name, d) => (name, value: Math.Round(c[d], 4))).ToDictionary(p => p.name, p => p.value),
                AudienceClustering.Label(c, mean))).ToList();

            await ProgressAsync("creating segments", rows.Count);
            foreach (var segment in segments)
            {
                var segmentConfig = new SegmentConfig { Id = segment.SegmentId, Name = segment.Label, UpdatedAt = clock.GetUtcNow() };
                if (await GrainFactory.GetGrain<IUserSegmentGrain>(segment.SegmentId).PutAsync(segmentConfig) == AdChangeOutcome.LogUnavailable)
                {
                    throw new InvalidOperationException("The log is unavailable: the segments could not be created.");
                }
            }

            var state = storage.State;
            (state.State, state.K, state.Silhouette, state.Segments, state.Progress) = ("completed", chosen, Math.Round(silhouette, 4), segments, "done");
            await storage.WriteStateAsync();
            Log.Completed(logger, run, chosen, rows.Count, silhouette);
        }
        catch (Exception e)
        {
            Log.Failed(logger, e, run);
            (storage.State.State, storage.State.Failure) = ("failed", e.Message);
            await storage.WriteStateAsync();
        }
        finally
        {
            _running = false;
        }
    }

    private async Task ProgressAsync(string progress, int users)
    {
        (storage.State.Progress, storage.State.Users) = (progress, users);
        await storage.WriteStateAsync();
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Clustering run {Run}: k = {K} over {Users} users, silhouette {Silhouette:F3}")]
        public static partial void Completed(ILogger logger, string run, int k, int users, double silhouette);

        [LoggerMessage(LogLevel.Error, "Clustering run {Run} failed")]
        public static partial void Failed(ILogger logger, Exception e, string run);
    }
}

public sealed class ClusterRunState
{
    public string State { get; set; } = "";

    public int? K { get; set; }

    public int Users { get; set; }

    public double? Silhouette { get; set; }

    public List<ClusterSegment> Segments { get; set; } = [];

    public string Progress { get; set; } = "";

    public string? Failure { get; set; }
}
