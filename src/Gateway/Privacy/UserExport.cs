using AdOrleans.Grains;
using AdOrleans.Grains.Privacy;

namespace AdOrleans.Gateway.Privacy;

/// <summary><c>GET /v1/users/{userId}/export</c>: everything the service holds about one user (docs/privacy.md).</summary>
public sealed record UserExport(
    string UserId,
    Contact? Contact,
    IReadOnlyList<UserTouchpoint> Journey,
    IReadOnlyList<UserEventRow> Events,
    IReadOnlyList<string> Segments,
    IReadOnlyList<UserKpiState> KpiState,
    UserFrequencyState Frequency,
    IReadOnlyList<UserExperimentAssignment> Experiments);

/// <summary>
/// The variant the user sees in a running experiment. Computed, not stored: a stable hash of (experiment, user id)
/// picks it in every auction, so this is what the auction would choose now.
/// </summary>
public sealed record UserExperimentAssignment(string ExperimentId, string CampaignId, string VariantId, string CreativeId);

/// <summary>What the answering gateway's memory holds: frequency-cap windows (per campaign) and tracked clicks (per channel).</summary>
public sealed record UserFrequencyState(int CapWindows, int ClickedChannels);

/// <summary><c>DELETE /v1/users/{userId}</c>'s answer: the job to follow at the Location header.</summary>
public sealed record ErasureStarted(string JobId);
