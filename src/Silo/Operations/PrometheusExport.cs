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
            InstrumentFilterPredicate = instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory),
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _listener.Dispose();
}
