using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// Ad clients: for each opportunity run an auction, send the impression through the returned tracking URL (or its
/// token in an event), click with the campaign's CTR and, after a delay, convert with its CVR. A user's decisions
/// come from the opportunity's own seed, so they do not depend on which worker runs it.
/// </summary>
public sealed class AdFlow
{
    private readonly ApiClient _client;
    private readonly EventSender _sender;
    private readonly TruthRecorder _truth;
    private readonly IReadOnlyDictionary<string, SimCampaign> _campaigns;
    private readonly AdFlowSettings _settings;
    private readonly Channel<AdOpportunity> _queue;
    private readonly Task[] _workers;
    private readonly ConversionQueue _conversions;
    private volatile bool _disabled;
    private volatile bool _everAnswered;

    public AdFlow(ApiClient client, EventSender sender, TruthRecorder truth, IReadOnlyDictionary<string, SimCampaign> campaigns, AdFlowSettings settings)
    {
        (_client, _sender, _truth, _campaigns, _settings) = (client, sender, truth, campaigns, settings);
        _conversions = new ConversionQueue(sender, settings.RunEndsAt);
        _queue = Channel.CreateBounded<AdOpportunity>(new BoundedChannelOptions(settings.Concurrency * 4) { FullMode = BoundedChannelFullMode.Wait });
        _workers = [.. Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>Set when the service has no auction endpoint; the run carries on with the other channels.</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>Queues an opportunity; when every worker is busy it is skipped (and counted), never queued without bound.</summary>
    public void Offer(AdOpportunity opportunity)
    {
        if (_disabled)
        {
            return;
        }

        if (!_queue.Writer.TryWrite(opportunity))
        {
            _client.Stats.AdSkipped();
        }
    }

    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
        await _conversions.CompleteAsync();
    }

    private async Task WorkAsync()
    {
        await foreach (var opportunity in _queue.Reader.ReadAllAsync())
        {
            if (!_disabled)
            {
                await RunAsync(opportunity);
            }
        }
    }

    private async Task RunAsync(AdOpportunity op)
    {
        var user = op.User;
        var body = JsonSerializer.SerializeToUtf8Bytes(new AuctionRequest(op.SlotId, user.Id, user.Geo, user.Device, user.Segments), SimJsonContext.Default.AuctionRequest);
        var response = await _client.SendAsync(HttpMethod.Post, "/v1/auction", ApiKey.Client, body, CancellationToken.None, _settings.MaxAttempts);
        if (response.Status == HttpStatusCode.NotFound && !_everAnswered)
        {
            _disabled = true;
            DisabledReason = "POST /v1/auction answered 404: the ad-serving API is not deployed here; carrying on with web, social, email and purchase traffic.";
            return;
        }

        if (response.Status is HttpStatusCode.OK or HttpStatusCode.NoContent)
        {
            _everAnswered = true;
        }

        if (response.Status == HttpStatusCode.NoContent)
        {
            _client.Stats.Auction(won: false);
            return;
        }

        if (response.Status != HttpStatusCode.OK || JsonSerializer.Deserialize(response.Body, SimJsonContext.Default.AuctionResponse) is not { AuctionId: not null, CampaignId: not null } won)
        {
            _client.Stats.Error($"auction: {(int)response.Status} {EventSender.Snippet(response.Body)}");
            return;
        }

        _client.Stats.Auction(won: true);
        var campaign = _campaigns.GetValueOrDefault(won.CampaignId);
        var random = new Random(unchecked((int)Distributions.Mix(op.Draws)));
        var channel = campaign?.Channel ?? "display";
        var cpm = campaign?.BidType == "cpm";
        var imp = Tracked("impression", "i", op, won, channel, won.ImpressionUrl, op.SimTime) with { ChargeMicros = cpm ? won.PriceMicros / 1000 : 0 };
        if (!await TrackAsync(imp, won.ImpressionUrl))
        {
            return;
        }

        var ctr = (campaign?.Ctr ?? 0.01) * _settings.CtrFactor(won.CampaignId, DateTimeOffset.UtcNow);
        if (random.NextDouble() >= ctr)
        {
            return;
        }

        var clickAt = op.SimTime + TimeSpan.FromSeconds(Distributions.Exponential(random, 8));
        var click = Tracked("click", "c", op, won, channel, won.ClickUrl, clickAt) with { MaxChargeMicros = campaign?.BidType == "cpc" ? campaign.BidMicros : 0 };
        if (!await TrackAsync(click, won.ClickUrl) || random.NextDouble() >= (campaign?.Cvr ?? 0.03))
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(Distributions.Exponential(random, 1200));
        var value = (long)Math.Round(Distributions.LogNormal(random, (campaign?.ConversionMedianMicros ?? 50_000_000) / 10_000.0, 0.6)) * 10_000;
        var occurred = (_settings.Tracking == "beacon" ? DateTimeOffset.UtcNow : clickAt) + delay;
        _conversions.Schedule(DateTimeOffset.UtcNow + delay / _settings.TimeScale, new SimEvent
        {
            EventId = $"{_settings.RunId}-v{op.Sequence:x}", Type = "conversion", AuctionId = won.AuctionId, CampaignId = won.CampaignId,
            CreativeId = won.CreativeId, SlotId = op.SlotId, Channel = channel, UserId = user.Id, ValueMicros = value, OccurredAt = occurred,
            CausedBy = channel,
            // Click-through: the gateway counts a conversion that names a campaign only with the click's token.
            Token = TrackingUrl.Token(won.ClickUrl),
        });
    }

    private SimEvent Tracked(string type, string idTag, AdOpportunity op, AuctionResponse won, string channel, string? url, DateTimeOffset simTime) => new()
    {
        EventId = $"{_settings.RunId}-{idTag}{op.Sequence:x}", Type = type, AuctionId = won.AuctionId, CampaignId = won.CampaignId,
        CreativeId = won.CreativeId, SlotId = op.SlotId, Channel = channel, UserId = op.User.Id,
        Token = _settings.Tracking == "events" ? TrackingUrl.Token(url) : null,
        OccurredAt = _settings.Tracking == "events" ? simTime : null,
        BeaconSentAt = _settings.Tracking == "beacon" ? DateTimeOffset.UtcNow : null,
    };

    /// <summary>
    /// Beacon mode: GET the URL now (a 2xx or a redirect counts as accepted). Events mode: queue the event with the
    /// token.
    /// </summary>
    private async Task<bool> TrackAsync(SimEvent e, string? url)
    {
        if (_settings.Tracking == "events")
        {
            await _sender.AddAsync([e], CancellationToken.None);
            return true;
        }

        if (TrackingUrl.PathAndQuery(url) is not { } path)
        {
            _client.Stats.Error($"auction response has no usable {e.Type} URL");
            return false;
        }

        _truth.Sent([e]);
        _client.Stats.Sent(1);
        var response = await _client.SendAsync(HttpMethod.Get, path, ApiKey.Client, null, CancellationToken.None, _settings.MaxAttempts);
        if (response.IsSuccess)
        {
            _truth.Accepted([e]);
            _client.Stats.Accepted(1);
            return true;
        }

        if (response.Uncertain)
        {
            _truth.Uncertain(1);
        }

        if (response.Answered && response.Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            _client.Stats.Rejected(1);
            _client.Stats.Error($"{(int)response.Status} on {e.Type} beacon: {EventSender.Snippet(response.Body)}");
        }
        else
        {
            _client.Stats.Dropped(1);
        }

        return false;
    }
}

/// <summary><see cref="CtrFactor"/> is the staged incidents' (<see cref="IncidentPlan"/>), by campaign and real time.</summary>
public sealed record AdFlowSettings(
    string RunId, string Tracking, int Concurrency, int MaxAttempts, double TimeScale, DateTimeOffset? RunEndsAt,
    Func<string, DateTimeOffset, double> CtrFactor);
