namespace AdOrleans.Grains;

/// <summary>One CSV import (key: its job id): progress and the per-row error report, kept after the job ends.</summary>
public interface IImportJobGrain : IGrainWithStringKey
{
    Task StartAsync(string kind, int rows);

    Task ReportAsync(ImportProgress progress);

    Task<ImportJob?> GetAsync();
}

[GenerateSerializer, Immutable]
public sealed record ImportRowError([property: Id(0)] int Row, [property: Id(1)] string Field, [property: Id(2)] string Message);

/// <summary>Counts so far and the errors found since the last report; <see cref="Finished"/> ends the job.</summary>
[GenerateSerializer, Immutable]
public sealed record ImportProgress(
    [property: Id(0)] int RowsDone,
    [property: Id(1)] int Accepted,
    [property: Id(2)] int Rejected,
    [property: Id(3)] IReadOnlyList<ImportRowError> NewErrors,
    [property: Id(4)] bool Finished,
    [property: Id(5)] string? Failure);

[GenerateSerializer, Immutable]
public sealed record ImportJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string State,
    [property: Id(3)] int Rows,
    [property: Id(4)] int RowsDone,
    [property: Id(5)] int Accepted,
    [property: Id(6)] int Rejected,
    [property: Id(7)] IReadOnlyList<ImportRowError> Errors,
    [property: Id(8)] int ErrorsNotListed,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] string? Failure);

public static class ImportStates
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Running, but no progress for a minute: the process that ran it stopped. Re-upload the file; its rows count once.</summary>
    public const string Interrupted = "interrupted";
}
