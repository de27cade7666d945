using System.Text.Json;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// Stages each stalled-partition incident on the service as it begins (<c>POST /v1/cluster/stalls</c>, admin key): the
/// service stops reading the log partition holding the key for the incident's length, so its lag grows while the run
/// goes on sending; the backlog is read once the stall ends. A client cannot stop the consumers any other way.
/// </summary>
public sealed class PartitionStaller(ApiClient client, Action<string>? note)
{
    /// <summary>Returns when every stall is staged or the run ends, whichever comes first.</summary>
    public async Task StageAsync(IReadOnlyList<IncidentSpec> incidents, DateTimeOffset runStart, CancellationToken runEnded)
    {
        try
        {
            foreach (var incident in incidents.Where(i => i.Kind == IncidentKinds.StalledPartition).OrderBy(i => i.StartsAfter))
            {
                var wait = runStart + incident.StartsAfter - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, runEnded);
                }

                var body = JsonSerializer.SerializeToUtf8Bytes(new PartitionStallRequest(incident.Target!, incident.Length), SimJsonContext.Default.PartitionStallRequest);
                var response = await client.SendAsync(HttpMethod.Post, "/v1/cluster/stalls", ApiKey.Admin, body, runEnded);
                note?.Invoke(response.IsSuccess
                    ? $"Stalled the partition of {incident.Target} for {incident.Length}."
                    : $"Could not stall the partition of {incident.Target}: {(response.Answered ? ((int)response.Status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} (needs the admin key and a service with /v1/cluster/stalls).");
            }
        }
        catch (OperationCanceledException) when (runEnded.IsCancellationRequested)
        {
            // The run ended before the remaining stalls began: they never happened (the truth lists only incidents that began).
        }
    }
}
