using AdOrleans.Log;

namespace AdOrleans.Streaming.Kafka;

/// <summary>
/// Checks the topics (<see cref="KafkaLog.VerifyTopicsAsync"/>) on start: a wrong partition count stops start-up.
/// When Kafka is not reachable yet the service still starts — not ready, appends answer 503 — and the check is
/// retried every <see cref="RetryEvery"/> until Kafka answers; a wrong partition count found then stops the service
/// with the same message, before anything was appended.
/// </summary>
public sealed partial class KafkaTopicCheck(IPartitionedLog log, IHostApplicationLifetime lifetime, ILogger<KafkaTopicCheck> logger) : BackgroundService
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private readonly KafkaLog _log = log as KafkaLog ?? throw new InvalidOperationException($"{nameof(KafkaTopicCheck)} needs the Kafka log.");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _log.VerifyTopicsAsync(cancellationToken);
        }
        catch (LogUnavailableException e)
        {
            Log.Unreachable(logger, e.Message);
            await base.StartAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_log.TopicsVerified)
        {
            await Task.Delay(RetryEvery, stoppingToken);
            try
            {
                await _log.VerifyTopicsAsync(stoppingToken);
                Log.Verified(logger);
            }
            catch (LogUnavailableException)
            {
            }
            catch (KafkaTopicMismatchException e)
            {
                Log.Mismatch(logger, e.Message);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Kafka is not reachable at start ({Reason}); not ready and appends answer 503 until its topics are checked")]
        public static partial void Unreachable(ILogger logger, string reason);

        [LoggerMessage(LogLevel.Information, "Kafka is reachable: topics created where missing and their partition counts checked")]
        public static partial void Verified(ILogger logger);

        [LoggerMessage(LogLevel.Critical, "Stopping: {Reason}")]
        public static partial void Mismatch(ILogger logger, string reason);
    }
}
