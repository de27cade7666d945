using AdOrleans.Runtime;

namespace AdOrleans.Grains;

/// <summary>A campaign: applies its admin commands and bills its tracking events. Read through the store and the state topic.</summary>
public interface ICampaignGrain : ILogConsumerGrain;

/// <summary>An ad slot's configuration, applied from <c>slot:</c> commands.</summary>
public interface IAdSlotGrain : ILogConsumerGrain;

/// <summary>A user segment's definition, applied from <c>segment:</c> commands.</summary>
public interface IUserSegmentGrain : ILogConsumerGrain;
