using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace AdOrleans.Testing;

/// <summary>The real service as a child process (the built Silo assembly), so it can be stopped with SIGKILL or SIGTERM.</summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int OutputLines = 200;

    private readonly Process _process;
    private readonly ServiceProcessOptions _options;
    private readonly Queue<string> _output = new();

    private ServiceProcess(Process process, Uri address, ServiceProcessOptions options)
    {
        _process = process;
        _options = options;
        Address = address;
    }

    public Uri Address { get; }

    public string Name => _options.Name;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

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

    public static async Task<ServiceProcess> StartAsync(ServiceProcessOptions options)
    {
        var address = new Uri($"http://127.0.0.1:{(options.Port == 0 ? AdOrleans.Silo.Hosting.FreePort.Pick() : options.Port)}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdOrleans.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment[options.AddressVariable] = address.ToString();
        start.Environment["DataDirectory"] = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        start.Environment["Auth__AdminKeys"] = options.AdminKey;
        start.Environment["Auth__ClientKeys"] = options.ClientKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {options.Name}");
        var service = new ServiceProcess(process, address, options);
        process.OutputDataReceived += (_, e) => service.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => service.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (options.WaitUntilReady)
            {
                await service.WaitUntilReadyAsync(options.ReadyTimeout);
            }
        }
        catch
        {
            // Nobody holds a process that never became ready: without this it outlived the test run.
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <param name="followRedirects">False to see a redirect itself (a click beacon answers 302 to the advertiser's page).</param>
    public HttpClient CreateClient(string apiKey, bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = Address, Timeout = _options.RequestTimeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, a group only notices by missed heartbeats.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes sends it: the process hands its partitions over and exits.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        Assert.Equal(0, Posix.Kill(_process.Id, Posix.SigTerm));
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>Waits for the process to exit on its own and for everything it wrote to be read (HasExited turns true before that).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = _options.ProbeTimeout };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"{Name} exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{Name} did not become ready:\n{Output}");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
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
            if (_output.Count > OutputLines)
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
