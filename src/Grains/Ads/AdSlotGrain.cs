using System.Text.Json;
using AdOrleans.Runtime;

namespace AdOrleans.Grains.Ads;

/// <summary>Holds one slot's configuration; the last <c>put-slot</c> wins. Ignores records keyed for other entities.</summary>
public sealed class AdSlotGrain(StatePublisher publisher) : Grain<SlotGrainState>, IAdSlotGrain
{
    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        if (GrainKey.StartsWith(SlotConfig.KeyPrefix, StringComparison.Ordinal)
            && JsonSerializer.Deserialize(record.Value.Span, AdJsonContext.Default.AdCommand) is { Kind: AdCommandKinds.PutSlot, Slot: { } slot })
        {
            State = new SlotGrainState { Slot = slot };
            publisher.Stage(GrainKey, new AdStateRecord { Slot = slot });
        }

        return ValueTask.CompletedTask;
    }
}
