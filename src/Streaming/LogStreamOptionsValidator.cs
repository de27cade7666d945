using Microsoft.Extensions.Options;

namespace AdOrleans.Streaming;

/// <summary>
/// Checks across <see cref="LogStreamOptions"/> fields that data annotations cannot express, reported all at once
/// when the silo starts.
/// </summary>
public sealed class LogStreamOptionsValidator : IValidateOptions<LogStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, LogStreamOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Check(LogStreamOptions options)
    {
        // One poll would fill the cache: the pulling agent then reads nothing more until every grain has had it.
        if (options.CacheRecords < options.MaxRecordsPerPoll)
        {
            yield return $"Streams:CacheRecords ({options.CacheRecords}) is below Streams:MaxRecordsPerPoll ({options.MaxRecordsPerPoll}): " +
                         "set it to at least twice the records per poll, so the next poll is read while one is delivered.";
        }
    }
}
