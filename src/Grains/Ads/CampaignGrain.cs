using System.Text.Json;
using AdOrleans.Runtime;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Grains.Ads;

/// <summary>
/// One campaign. Applies its admin commands (the first create wins; a later create of the same id is ignored,
/// so concurrent duplicates resolve the same way on every replay) and bills its tracking events (see the
/// other part of this class). After every change it stages its live state for the state topic.
/// Campaign ids cannot contain ':', so records keyed <c>slot:</c>, <c>segment:</c> or <c>channel:</c>
/// that reach this grain type (all types subscribed to a topic see its records) are ignored.
/// </summary>
public sealed partial class CampaignGrain(StatePublisher publisher) : Grain<CampaignGrainState>, ICampaignGrain
{
    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        if (GrainKey.Contains(':', StringComparison.Ordinal))
        {
            return ValueTask.CompletedTask;
        }

        var changed = record.Topic switch
        {
            Topics.Commands => Apply(JsonSerializer.Deserialize(record.Value.Span, AdJsonContext.Default.AdCommand)),
            Topics.Events => Bill(record.TrackedEvent()),
            _ => false,
        };
        if (changed && State.Live is { } live)
        {
            publisher.Stage(GrainKey, new AdStateRecord { Campaign = live });
        }

        return ValueTask.CompletedTask;
    }

    private bool Apply(AdCommand? command)
    {
        if (command is null)
        {
            return false;
        }

        var live = State.Live;
        if (command.Kind == AdCommandKinds.CreateCampaign)
        {
            if (live is not null || command.Campaign is null || command.Campaign.Id != GrainKey)
            {
                Log.DuplicateCreate(Logger, GrainKey);
                return false;
            }

            State = State.WithLive(new CampaignLive
            {
                Config = command.Campaign,
                Status = command.Campaign.TotalBudgetMicros < command.Campaign.MaxChargeMicros ? CampaignStatuses.Exhausted : CampaignStatuses.Active,
                SpendDay = DateOnly.FromDateTime(command.IssuedAt.UtcDateTime),
                CreatedAt = command.IssuedAt,
                UpdatedAt = command.IssuedAt,
            });
            return true;
        }

        if (live is null)
        {
            return false;
        }

        var status = Transition(live.Status, command.Kind);
        if (status == live.Status)
        {
            return false;
        }

        State = State.WithLive(live with { Status = status, UpdatedAt = command.IssuedAt });
        return true;
    }

    /// <summary>Stopped is final; exhausted can only be stopped; pause and resume toggle.</summary>
    public static string Transition(string status, string command) => (status, command) switch
    {
        (CampaignStatuses.Stopped, _) => status,
        (_, AdCommandKinds.Stop) => CampaignStatuses.Stopped,
        (CampaignStatuses.Active, AdCommandKinds.Pause) => CampaignStatuses.Paused,
        (CampaignStatuses.Paused, AdCommandKinds.Resume) => CampaignStatuses.Active,
        _ => status,
    };

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Campaign {CampaignId} already exists (or the create was malformed); the create is ignored")]
        public static partial void DuplicateCreate(ILogger logger, string campaignId);
    }
}
