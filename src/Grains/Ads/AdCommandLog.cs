using System.Text.Json;
using AdOrleans.Log;

namespace AdOrleans.Grains.Ads;

/// <summary>Puts admin commands on the commands topic, keyed by the entity they change (durable before it returns true).</summary>
public sealed partial class AdCommandLog(IPartitionedLog log, TimeProvider clock, ILogger<AdCommandLog> logger)
{
    public AdCommand New(string kind) => new() { Kind = kind, CommandId = Guid.NewGuid().ToString("N"), IssuedAt = clock.GetUtcNow() };

    /// <summary>False when the log cannot take the command now (nothing was appended; the caller changes nothing).</summary>
    public async Task<bool> TryAppendAsync(string logKey, AdCommand command)
    {
        try
        {
            var value = JsonSerializer.SerializeToUtf8Bytes(command, AdJsonContext.Default.AdCommand);
            await log.AppendAsync(Topics.Commands, [new LogMessage(logKey, value)], CancellationToken.None);
            return true;
        }
        catch (LogUnavailableException e)
        {
            LogMessages.AppendFailed(logger, e, command.Kind, logKey);
            return false;
        }
    }

    private static partial class LogMessages
    {
        [LoggerMessage(LogLevel.Warning, "Command {Kind} for {Key} could not be put on the log")]
        public static partial void AppendFailed(ILogger logger, Exception e, string kind, string key);
    }
}
