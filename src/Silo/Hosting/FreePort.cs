using System.Net;
using System.Net.Sockets;

namespace AdOrleans.Silo.Hosting;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on now (the OS picks it), for embedded silos that need no fixed port.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
