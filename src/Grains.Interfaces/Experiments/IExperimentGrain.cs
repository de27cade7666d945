namespace AdOrleans.Grains;

/// <summary>One experiment, keyed by its id. Created once through the commands topic; decided once (docs/experiments.md).</summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary><see cref="AdChangeOutcome.Conflict"/> when the id exists; <see cref="AdChangeOutcome.LogUnavailable"/> when the log refused the command.</summary>
    Task<AdChangeOutcome> CreateAsync(ExperimentConfig config);

    Task<ExperimentLive?> GetAsync();

    /// <summary>Records <paramref name="decision"/> unless one was recorded before; returns the recorded one (null when the experiment does not exist).</summary>
    Task<ExperimentDecision?> DecideAsync(ExperimentDecision decision);
}
