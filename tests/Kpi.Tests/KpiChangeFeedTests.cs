using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdOrleans.Kpi.Tests;

/// <summary>The feed is read back only while someone listens (or may resume); a change it skipped is never a silent gap.</summary>
public sealed class KpiChangeFeedTests
{
    private static readonly KpiBucketKey Bucket = new(KpiDimensions.Campaign, "c-1", KpiGranularity.Day, 0);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private KpiChangeFeed NewFeed() => new(Options.Create(new KpiStreamOptions { ResumeWindow = TimeSpan.FromMinutes(5) }), _clock);

    [Fact]
    public void BeforeAnyClientListensNothingIsReadBack()
    {
        Assert.False(NewFeed().HasListeners);
    }

    [Fact]
    public void AClientResumingWithinTheWindowAfterLeavingMissesNothing()
    {
        var feed = NewFeed();
        var listener = feed.Listen();
        feed.Publish([(Bucket, KpiCounters.New())]);
        var lastSeen = feed.LastId;
        listener.Dispose();

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(feed.HasListeners);
        feed.Publish([(Bucket, KpiCounters.New())]);

        var missed = new List<KpiChange>();
        Assert.True(feed.TryReadAfter(lastSeen, missed));
        Assert.Single(missed);
    }

    [Fact]
    public void AClientResumingFromBeforeASkippedChangeIsToldToReset()
    {
        var feed = NewFeed();
        feed.Listen().Dispose();
        var lastSeen = feed.LastId;

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.False(feed.HasListeners);
        feed.MarkGap();
        feed.MarkGap(); // one gap per silent period

        Assert.False(feed.TryReadAfter(lastSeen, []));
        Assert.True(feed.TryReadAfter(feed.LastId, []));
        Assert.Equal(lastSeen + 1, feed.LastId);
    }
}
