namespace AdOrleans.Grains.Tests;

/// <summary>A fresh data directory per test (SQLite file + file log directory), deleted afterwards.</summary>
public sealed class TestData : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "adorleans-grains-tests", Guid.NewGuid().ToString("N"));

    public TestData() => System.IO.Directory.CreateDirectory(Directory);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
