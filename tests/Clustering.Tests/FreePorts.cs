using AdOrleans.Silo.Hosting;

namespace AdOrleans.Clustering.Tests;

internal static class FreePorts
{
    /// <summary>Distinct free ports, picked the way embedded silos pick theirs (outside the ephemeral range).</summary>
    public static int[] Take(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(FreePort.Pick());
        }

        return [.. ports];
    }
}
