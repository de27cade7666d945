using System.Runtime.InteropServices;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// The real service as a child process (<c>dotnet AdOrleans.Silo.dll</c>, the build next to this benchmark), configured
/// by environment variables as tools/local-cluster starts it, run from this directory so the service's
/// appsettings.json applies. Disposing sends SIGTERM and kills it if it has not exited 20 s later.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    public const string AdminKey = "admin-dbench";
    public const string ClientKey = "client-dbench";

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServiceProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>User + system CPU the process used so far (from /proc).</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{AdOrleans.Silo.Hosting.FreePort.Pick()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdOrleans.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Urls"] = address.ToString();
        start.Environment["Auth__AdminKeys"] = AdminKey;
        start.Environment["Auth__ClientKeys"] = ClientKey;
        // Every process alike: warnings only (appsettings.json logs at Information, which no request path uses).
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new BenchmarkFailedException($"could not start {name}");
        var service = new ServiceProcess(name, process, address);
        process.OutputDataReceived += (_, e) => service.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => service.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await service.DisposeAsync(); // nobody else holds a process that never became ready
            throw;
        }

        return service;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/readyz", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchmarkFailedException($"{Name} did not answer /readyz 200 within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Posix.Kill(_process.Id, Posix.SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 100)
            {
                _output.Dequeue();
            }
        }
    }

    private static partial class Posix
    {
        public const int SigTerm = 15;

        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);
    }
}
