namespace AdOrleans.Grains.Ads;

/// <summary>State shared by the ad grains: the ids of the admin commands recently applied.</summary>
public abstract class AdEntityState : LogConsumerState
{
    private const int RememberedCommands = 64;

    /// <summary>
    /// A command is applied when its method is called and delivered again by the commands stream; the second time
    /// (or after a crash between the log append and the state write, the first time) this tells which it is.
    /// </summary>
    public List<string> RecentCommands { get; set; } = [];

    /// <summary>True when <paramref name="commandId"/> was not applied yet; it is then remembered.</summary>
    public bool Remember(string commandId)
    {
        if (commandId.Length == 0 || RecentCommands.Contains(commandId))
        {
            return commandId.Length == 0;
        }

        RecentCommands.Add(commandId);
        if (RecentCommands.Count > RememberedCommands)
        {
            RecentCommands.RemoveAt(0);
        }

        return true;
    }
}
