using System.Text.Json;

namespace AdOrleans.Runtime;

/// <summary>
/// A grain with persistent state. The state is read before <see cref="Grain.OnActivateAsync"/>.
/// Changes made while handling log records are committed by the partition worker together with
/// the log offset (exactly-once); <see cref="WriteStateAsync"/> writes directly, guarded by the ETag.
/// </summary>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    private TState _state = new();

    protected TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Version of the stored state this activation last read or wrote; null when never stored.</summary>
    protected internal string? StateETag { get; private set; }

    protected async ValueTask WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var activation = Activation ?? throw new InvalidOperationException("The grain is not activated.");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_state, activation.Catalog.JsonOptions);
        StateETag = await activation.Catalog.Store.WriteAsync(activation.Id, bytes, StateETag, cancellationToken);
    }

    protected async ValueTask ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var activation = Activation ?? throw new InvalidOperationException("The grain is not activated.");
        var stored = await activation.Catalog.Store.ReadAsync(activation.Id, cancellationToken);
        if (stored is null)
        {
            _state = new TState();
            StateETag = null;
            return;
        }

        _state = JsonSerializer.Deserialize<TState>(stored.Data, activation.Catalog.JsonOptions) ?? new TState();
        StateETag = stored.ETag;
    }

    internal override ValueTask LoadStateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    internal override (byte[]? Data, string? ETag) SnapshotState() =>
        (JsonSerializer.SerializeToUtf8Bytes(_state, Activation!.Catalog.JsonOptions), StateETag);

    internal override void StateCommitted(string etag) => StateETag = etag;
}
