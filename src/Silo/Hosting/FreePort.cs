using System.Net;
using System.Net.Sockets;

namespace AdOrleans.Silo.Hosting;

public static class FreePort
{
    /// <summary>
    /// A port nobody listens on now, for embedded silos that need no fixed port. Picked below Linux's ephemeral range
    /// (32768–60999): a port the OS hands out for "any port" is also handed to other processes' outgoing connections
    /// at any moment, and one was taken between this check and Orleans binding it (seen in CI as AddressInUse).
    /// </summary>
    public static int Pick()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }
}
