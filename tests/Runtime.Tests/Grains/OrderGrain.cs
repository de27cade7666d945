namespace AdOrleans.Runtime.Tests;

public interface IOrderGrain : IGrain
{
    ValueTask ReceiveAsync((int Producer, int Seq) message);

    ValueTask<List<(int Producer, int Seq)>> ReceivedAsync();
}

/// <summary>Records the messages it receives, in the order its turns ran.</summary>
public sealed class OrderGrain : Grain, IOrderGrain
{
    private readonly List<(int Producer, int Seq)> _received = [];

    public ValueTask ReceiveAsync((int Producer, int Seq) message)
    {
        _received.Add(message);
        return ValueTask.CompletedTask;
    }

    public ValueTask<List<(int Producer, int Seq)>> ReceivedAsync() => ValueTask.FromResult(_received.ToList());
}
