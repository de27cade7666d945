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
        await GrainFactory.GetGrain<IClusterRunIndexGrain>(IClusterRunIndexGrain.Key).AddAsync(new ClusterRunStart(this.GetPrimaryKeyString(), clock.GetUtcNow()));
        _running = true;
        _ = RunAsync(k, seed);
    }

    public async Task<ClusterRun?> GetAsync()
    {
        if (!storage.RecordExists)
        {
            return null;
        }

        var s = storage.State;
        var state = s.State == "running" && !_running ? "failed" : s.State;
        var failure = state == "failed" ? s.Failure ?? "The run was interrupted (the silo restarted); start another." : null;
        var segments = s.Model is { } model ? await LiveSizesAsync(model, s.Segments) : s.Segments;
        return new ClusterRun(this.GetPrimaryKeyString(), state, s.K, s.Users, s.Silhouette, segments, s.Progress, failure);
    }

    public Task<ClusterModel?> GetModelAsync() => Task.FromResult(storage.State.Model);

    /// <summary>Each segment's users now, counted by every journey shard against the run's centroids.</summary>
    private async Task<IReadOnlyList<ClusterSegment>> LiveSizesAsync(ClusterModel model, List<ClusterSegment> segments)
    {
        var now = clock.GetUtcNow();
        var counts = await Task.WhenAll(Enumerable.Range(0, log.PartitionCount(Topics.Events)).Select(s =>
            GrainFactory.GetGrain<IJourneyShardGrain>(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).CountNearestAsync(model, now)));
        return [.. segments.Select((segment, i) => segment with { Size = counts.Sum(c => c[i]) })];
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
            var fit = await Task.Run(() => AudienceClustering.Run(raw, k, seed, UserFeatures.MinScale));
            var sizes = new int[fit.K];
            Array.ForEach(fit.Assignment, cluster => sizes[cluster]++);
            var geos = AudienceClustering.TopGeos([.. rows.Select(r => r.Geo)], fit.Assignment, fit.K);
            var segments = fit.Centroids.Select((c, i) => new ClusterSegment(
                $"cluster-{run}-{i + 1}", sizes[i],
                UserFeatures.Names.Select((name, d) => (name, value: Math.Round(c[d], 4))).ToDictionary(p => p.name, p => p.value),
                AudienceClustering.Label(c, fit.Mean), sizes[i], geos[i])).ToList();

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
            (state.State, state.K, state.Silhouette, state.Segments, state.Progress) = ("completed", fit.K, Math.Round(fit.Silhouette, 4), segments, "done");
            state.Model = new ClusterModel(run, fit.Mean, fit.Scale, fit.Centroids, [.. segments.Select(s => s.SegmentId)]);
            await storage.WriteStateAsync();
            await GrainFactory.GetGrain<IClusterRunIndexGrain>(IClusterRunIndexGrain.Key).CompletedAsync(run);
            Log.Completed(logger, run, fit.K, rows.Count, fit.Silhouette);
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

    public ClusterModel? Model { get; set; }
}
