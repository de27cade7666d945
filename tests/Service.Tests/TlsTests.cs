using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdOrleans.Silo.Hosting;

namespace AdOrleans.Service.Tests;

/// <summary>HTTPS from Kestrel's own certificate configuration, with HSTS on HTTPS responses only (a real process).</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("adorleans-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task A_configured_certificate_serves_https_with_hsts_while_plain_http_carries_none()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(_directory, "service.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var (httpPort, httpsPort) = (FreePort.Pick(), FreePort.Pick());
        await using var service = await ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            Name = "the TLS silo",
            Port = httpPort,
            DataDirectory = Path.Combine(_directory, "data"),
            Environment = new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
                ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{httpsPort}",
                ["Kestrel__Endpoints__Https__Certificate__Path"] = pfx,
                ["Kestrel__Endpoints__Https__Certificate__Password"] = "pfx-password",
            },
        });

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
        using var https = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{httpsPort}/healthz");
        request.Headers.Host = "ads.example";
        using var secure = await https.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));

        using var plain = await service.CreateClient(EmbeddedServiceFactory.DefaultAdminKey).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=adorleans-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("ads.example");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
