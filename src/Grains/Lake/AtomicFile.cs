using AdOrleans.Log;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// A file written under a temporary name that <see cref="CompleteAsync"/> fsyncs and renames into place, fsyncing its
/// directory (<see cref="LakeDirectory"/>). Disposed without completing, the temporary file is deleted.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private bool _completed;

    private AtomicFile(string path)
    {
        _path = path;
        _temp = path + LakeDirectory.TempSuffix;
        DurableDirectory.Create(Path.GetDirectoryName(path)!);
        Stream = new FileStream(_temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    public FileStream Stream { get; }

    public static AtomicFile Create(string path) => new(path);

    /// <summary>Makes the written bytes durable under the final name; returns the file's size.</summary>
    public async Task<long> CompleteAsync()
    {
        await Stream.FlushAsync();
        Stream.Flush(flushToDisk: true);
        var bytes = Stream.Length;
        await Stream.DisposeAsync();
        File.Move(_temp, _path, overwrite: true);
        DurableDirectory.Flush(Path.GetDirectoryName(_path)!);
        _completed = true;
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        if (!_completed)
        {
            File.Delete(_temp);
        }
    }
}
