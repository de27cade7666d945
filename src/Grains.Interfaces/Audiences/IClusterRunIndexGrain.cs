namespace AdOrleans.Grains;

/// <summary>The clustering runs started, newest first, at most <see cref="MaxRuns"/> (one grain, key <see cref="Key"/>).</summary>
public interface IClusterRunIndexGrain : IGrainWithStringKey
{
    public const string Key = "all";

    public const int MaxRuns = 100;

    Task AddAsync(ClusterRunStart run);

    Task<IReadOnlyList<ClusterRunStart>> ListAsync();

    /// <summary>Notes a run that completed: the newest one places users (<c>GET /v1/users/{userId}/segments</c>).</summary>
    Task CompletedAsync(string runId);

    /// <summary>The run that completed last, or null.</summary>
    Task<string?> LatestCompletedAsync();
}

[GenerateSerializer, Immutable]
public sealed record ClusterRunStart([property: Id(0)] string RunId, [property: Id(1)] DateTimeOffset StartedAt);
