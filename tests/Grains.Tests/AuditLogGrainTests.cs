using System.Text;
using AdOrleans.Persistence;

namespace AdOrleans.Grains.Tests;

/// <summary>An audit day keeps every entry as its own row (its state only counts them), in arrival order, across concurrent appends, deactivation and the former whole-list state.</summary>
public sealed class AuditLogGrainTests : IDisposable
{
    private const string Day = "2026-12-05";
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_appends_are_each_kept_once_and_read_back_in_order_after_a_deactivation()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var day = running.Client.GetGrain<IAuditLogGrain>(Day);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => day.AppendAsync(Entry(i))));
        await day.AppendAsync(Entry(200));
        await running.Cluster.DeactivateAsync(day);
        await day.AppendAsync(Entry(201));

        var stored = await day.GetAsync();
        Assert.Equal(202, stored.Entries.Count);
        Assert.Equal(Enumerable.Range(0, 202).Select(i => $"/v1/campaigns/c-{i}").Order(StringComparer.Ordinal),
            stored.Entries.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["/v1/campaigns/c-200", "/v1/campaigns/c-201"], stored.Entries.TakeLast(2).Select(e => e.Path));
        Assert.Equal(0, stored.Dropped);
        var state = await running.Store.Store.ReadAsync(new StateId(IAuditLogGrain.GrainType, Day), CancellationToken.None);
        Assert.Equal("""{"count":202,"dropped":0}""", Encoding.UTF8.GetString(state!.Data));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_day_stored_as_one_list_keeps_its_entries_and_their_order_when_it_becomes_rows()
    {
        await using (var store = StoreServices.Open(_data.Directory))
        {
            var former = """{"entries":[{"at":"2026-12-05T01:00:00+00:00","key":"ops","role":"admin","method":"POST","path":"/v1/slots/s-1","status":200},"""
                + """{"at":"2026-12-05T01:00:01+00:00","key":"ops","role":"admin","method":"PATCH","path":"/v1/campaigns/c-1","status":409}],"dropped":3}""";
            await store.Store.WriteAsync(new StateId(IAuditLogGrain.GrainType, Day), Encoding.UTF8.GetBytes(former), null, CancellationToken.None);
        }

        await using var running = await Running.StartAsync(_data.Directory);
        var day = running.Client.GetGrain<IAuditLogGrain>(Day);
        await day.AppendAsync(Entry(7));

        var stored = await day.GetAsync();
        Assert.Equal(["/v1/slots/s-1", "/v1/campaigns/c-1", "/v1/campaigns/c-7"], stored.Entries.Select(e => e.Path));
        Assert.Equal((409, 3L), (stored.Entries[1].Status, stored.Dropped));
        var state = await running.Store.Store.ReadAsync(new StateId(IAuditLogGrain.GrainType, Day), CancellationToken.None);
        Assert.DoesNotContain("entries", Encoding.UTF8.GetString(state!.Data), StringComparison.Ordinal);
    }

    private static AuditEntry Entry(int i) => new()
    {
        At = DateTimeOffset.Parse("2026-12-05T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMilliseconds(i),
        Key = "ops", Role = "admin", Method = "POST", Path = $"/v1/campaigns/c-{i}", Status = 201,
    };
}
