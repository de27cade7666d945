using System.Text.Json;
using AdOrleans.Runtime;

namespace AdOrleans.Grains.Ads;

/// <summary>Holds one segment's definition; the last <c>put-segment</c> wins. Ignores records keyed for other entities.</summary>
public sealed class UserSegmentGrain(StatePublisher publisher) : Grain<SegmentGrainState>, IUserSegmentGrain
{
    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        if (GrainKey.StartsWith(SegmentConfig.KeyPrefix, StringComparison.Ordinal)
            && JsonSerializer.Deserialize(record.Value.Span, AdJsonContext.Default.AdCommand) is { Kind: AdCommandKinds.PutSegment, Segment: { } segment })
        {
            State = new SegmentGrainState { Segment = segment };
            publisher.Stage(GrainKey, new AdStateRecord { Segment = segment });
        }

        return ValueTask.CompletedTask;
    }
}
