using System.Net;
using AdOrleans.Simulator.Http;

namespace AdOrleans.Simulator.Running;

/// <summary>Before any traffic: is the target an AdOrleans gateway that is ready, and are both keys accepted? Fails with one clear sentence.</summary>
public static class Preflight
{
    public static async Task CheckAsync(ApiClient client, TimeSpan readyWait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + readyWait;
        while (true)
        {
            var ready = await client.SendAsync(HttpMethod.Get, "/readyz", ApiKey.None, null, cancellationToken, maxAttempts: 1);
            if (!ready.Answered && DateTime.UtcNow >= deadline)
            {
                throw new SimulatorException($"Cannot reach {client.Target}: {client.Stats.LastError}. Check --target and that the service is running.");
            }

            if (ready.Status == HttpStatusCode.NotFound)
            {
                throw new SimulatorException($"{client.Target} answered 404 for /readyz: it does not look like an AdOrleans gateway.");
            }

            if (ready.Status == HttpStatusCode.OK)
            {
                break;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new SimulatorException($"{client.Target} is not ready (GET /readyz answered {(int)ready.Status}) after {readyWait.TotalSeconds:0} s.");
            }

            await Task.Delay(250, cancellationToken);
        }

        var client400 = await client.SendAsync(HttpMethod.Post, "/v1/events/batch", ApiKey.Client, "{\"events\":[]}"u8.ToArray(), cancellationToken, maxAttempts: 3);
        if (client400.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SimulatorException($"The client key was refused ({(int)client400.Status}). Pass --client-key (X-Api-Key for auctions and events).");
        }

        var admin = await client.SendAsync(HttpMethod.Get, "/v1/events/totals/sim-preflight", ApiKey.Admin, null, cancellationToken, maxAttempts: 3);
        if (admin.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SimulatorException($"The admin key was refused ({(int)admin.Status}). Pass --admin-key (needed for set-up and verification).");
        }
    }
}
