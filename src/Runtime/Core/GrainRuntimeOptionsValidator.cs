using Microsoft.Extensions.Options;

namespace AdOrleans.Runtime;

/// <summary>Cross-field checks of the runtime's options; reports every failure at once.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>, IValidateOptions<PartitionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        List<string> failures = [];
        if (options.CollectionInterval > options.IdleDeactivationAge)
        {
            failures.Add($"Runtime:CollectionInterval ({options.CollectionInterval}) must not exceed Runtime:IdleDeactivationAge ({options.IdleDeactivationAge}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, PartitionOptions options)
    {
        List<string> failures = [];
        if (options.RetryDelay > options.MaxRetryDelay)
        {
            failures.Add($"Partitions:RetryDelay ({options.RetryDelay}) must not exceed Partitions:MaxRetryDelay ({options.MaxRetryDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
