namespace AdOrleans.Runtime;

/// <summary>
/// A reference to a grain. Calls are queued to the grain's single activation and run as turns.
/// The call shape <c>grain.CallAsync(static (g, a) =&gt; g.DoAsync(a), arg)</c> stands in for
/// Orleans' generated proxies (<c>grain.DoAsync(arg)</c>); porting is a mechanical rewrite.
/// </summary>
public readonly struct GrainRef<TGrain> where TGrain : IGrain
{
    private readonly GrainType _type;

    internal GrainRef(GrainType type, string key)
    {
        _type = type;
        Key = key;
    }

    public string Key { get; }

    public GrainId Id => new(_type.Name, Key);

    public Task<TResult> CallAsync<TResult>(Func<TGrain, ValueTask<TResult>> call) =>
        CallAsync(static (g, c) => c(g), call);

    public Task<TResult> CallAsync<TArg, TResult>(Func<TGrain, TArg, ValueTask<TResult>> call, TArg arg)
    {
        var turn = new CallTurn<TGrain, TArg, TResult>(call, arg);
        _type.Dispatch(Key, turn);
        return turn.Completion;
    }

    public Task CallAsync(Func<TGrain, ValueTask> call) =>
        CallAsync(static async (g, c) =>
        {
            await c(g);
            return true;
        }, call);

    /// <summary>One-way message: queued and forgotten; a failure is logged and counted, not returned.</summary>
    public void Post<TArg>(Func<TGrain, TArg, ValueTask> call, TArg arg) =>
        _type.Dispatch(Key, new OneWayTurn<TGrain, TArg>(call, arg));
}
