namespace AdOrleans.Grains.Integrations;

/// <summary>A user's contact attributes from CRMs and imports; an update older than the last one does not overwrite it.</summary>
[GrainType("contact")]
public sealed class ContactGrain([PersistentState("state", StorageProviders.PerCommand)] IPersistentState<ContactState> storage)
    : Grain, IContactGrain
{
    /// <summary>Attributes per contact: a CRM with hundreds of properties keeps the newest this many.</summary>
    public const int MaxAttributes = 200;

    public async Task UpsertAsync(ContactUpdate update)
    {
        var state = storage.State;
        foreach (var (name, value) in update.Attributes)
        {
            if (!state.ChangedAt.TryGetValue(name, out var at) || at <= update.At)
            {
                state.Attributes[name] = value;
                state.ChangedAt[name] = update.At;
            }
        }

        foreach (var oldest in state.ChangedAt.OrderBy(a => a.Value).Take(Math.Max(0, state.ChangedAt.Count - MaxAttributes)).ToList())
        {
            state.Attributes.Remove(oldest.Key);
            state.ChangedAt.Remove(oldest.Key);
        }

        if (!state.Sources.Contains(update.Source, StringComparer.Ordinal))
        {
            state.Sources.Add(update.Source);
        }

        state.UpdatedAt = update.At > state.UpdatedAt ? update.At : state.UpdatedAt;
        await storage.WriteStateAsync();
    }

    public async Task<bool> EraseAsync()
    {
        if (!storage.RecordExists)
        {
            return false;
        }

        await storage.ClearStateAsync();
        return true;
    }

    public Task<Contact?> GetAsync() => Task.FromResult(storage.RecordExists
        ? new Contact(this.GetPrimaryKeyString(), new Dictionary<string, string>(storage.State.Attributes), [.. storage.State.Sources], storage.State.UpdatedAt)
        : null);
}

public sealed class ContactState
{
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, DateTimeOffset> ChangedAt { get; set; } = new(StringComparer.Ordinal);

    public List<string> Sources { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
