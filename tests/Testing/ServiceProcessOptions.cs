namespace AdOrleans.Testing;

/// <summary>How to start one <see cref="ServiceProcess"/>; the defaults suit a single process on this machine.</summary>
public sealed record ServiceProcessOptions
{
    /// <summary>Names the process in failure messages (a test may run several).</summary>
    public string Name { get; init; } = "the silo";

    /// <summary>Set: the process works on this directory (a crash test restarts on it); else a fresh one under the temp directory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>0: a free port.</summary>
    public int Port { get; init; }

    public string AdminKey { get; init; } = EmbeddedServiceFactory.DefaultAdminKey;

    public string ClientKey { get; init; } = EmbeddedServiceFactory.DefaultClientKey;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>False: start returns once the process runs, for a test of a process that is not (yet) meant to be ready.</summary>
    public bool WaitUntilReady { get; init; } = true;

    /// <summary>Timeout of the clients <see cref="ServiceProcess.CreateClient"/> hands out.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one readiness probe.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The environment variable that carries the listen address: the service's <c>Urls</c>, or the host's own <c>ASPNETCORE_URLS</c>.</summary>
    public string AddressVariable { get; init; } = "Urls";

    /// <summary>Environment variables (double-underscore keys) on top of the defaults; they win over them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
