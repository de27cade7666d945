namespace AdOrleans.Grains;

/// <summary>
/// A grain state that carries rows to write outside the state (KPI rollup deltas, billing lines, dead letters).
/// The grain storage writes them in the same transaction as the state and then empties the list, so a row lands
/// exactly when the state that produced it does.
/// </summary>
public interface IEmitsRows
{
    List<object> PendingRows { get; }
}
