using System.Diagnostics.Metrics;
using Prometheus;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// /metrics through prometheus-net: a registry per host with .NET's process and runtime series and every meter of
/// the process (Orleans', the product's grain meter) except meters that another host in the same process created
/// through its own <see cref="IMeterFactory"/> — so test hosts sharing a process do not mix their gauges.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    private readonly IDisposable _listener;

    public PrometheusExport(IMeterFactory meterFactory)
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        _listener = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument =>
                (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)) && !IsPerRequestDetail(instrument),
        });
    }

    /// <summary>
    /// ASP.NET Core instruments recorded on every request besides the request duration: at tens of thousands of
    /// auctions a second, turning each measurement into a labelled series cost ~5 % of the service's CPU (profiled),
    /// and no dashboard or alert reads them. Request rate, status and latency stay in http.server.request.duration.
    /// </summary>
    private static bool IsPerRequestDetail(Instrument instrument) =>
        instrument.Name is "http.server.active_requests" or "aspnetcore.routing.match_attempts"
        || instrument.Name.StartsWith("aspnetcore.authentication.", StringComparison.Ordinal)
        || instrument.Name.StartsWith("aspnetcore.authorization.", StringComparison.Ordinal)
        || instrument.Name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal);

    public CollectorRegistry Registry { get; }

    public void Dispose() => _listener.Dispose();
}
