namespace AdOrleans.Grains;

/// <summary>
/// One campaign, keyed by its id. Admin changes are methods (each also goes on the commands topic); tracking
/// events arrive on its events stream and are billed. Changes are durable before a method returns.
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    public const string GrainType = "campaign";

    /// <summary>Creates the campaign; <see cref="AdChangeOutcome.Conflict"/> when this id already exists.</summary>
    Task<CampaignChange> CreateAsync(CampaignConfig config);

    /// <summary>The live campaign, or null when it was never created.</summary>
    Task<CampaignLive?> GetAsync();

    Task<CampaignChange> PauseAsync();

    Task<CampaignChange> ResumeAsync();

    Task<CampaignChange> StopAsync();

    /// <summary>
    /// Sets the daily and/or total budget (through the commands topic, like every admin change). A total below what is
    /// spent plus one maximal charge exhausts the campaign; raising it again reactivates an exhausted one.
    /// </summary>
    Task<CampaignChange> SetBudgetAsync(BudgetChange change);

    /// <summary>
    /// Tops up (or, with <see cref="LeaseRequest.ReturnUnused"/>, first takes back) a gateway's budget lease. The grain
    /// never leases more than the total, daily and paced budget leave after spend, other leases and charges in flight.
    /// </summary>
    Task<LeaseGrant> RenewLeaseAsync(LeaseRequest request);
}

/// <summary>An ad slot's configuration, keyed by the slot id; the last put wins.</summary>
public interface IAdSlotGrain : IGrainWithStringKey
{
    Task<AdChangeOutcome> PutAsync(SlotConfig slot);

    Task<SlotConfig?> GetAsync();
}

/// <summary>A user segment's definition, keyed by the segment id; the last put wins.</summary>
public interface IUserSegmentGrain : IGrainWithStringKey
{
    Task<AdChangeOutcome> PutAsync(SegmentConfig segment);

    Task<SegmentConfig?> GetAsync();
}

public enum AdChangeOutcome
{
    /// <summary>Applied and durable (state written, command on the log).</summary>
    Applied,

    /// <summary>Nothing to change (e.g. pausing a paused campaign).</summary>
    Unchanged,

    NotFound,

    /// <summary>Not allowed in the current state (the id exists; the campaign is stopped).</summary>
    Conflict,

    /// <summary>The log could not take the command; nothing changed. Retry later.</summary>
    LogUnavailable,
}

/// <summary>The outcome of a campaign change and the campaign as it is afterwards (null when not found).</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignChange([property: Id(0)] AdChangeOutcome Outcome, [property: Id(1)] CampaignLive? Campaign);
