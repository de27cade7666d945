using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace AdOrleans.Gateway.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly so they ship with every build and publish
/// (no wwwroot to copy, no npm step). Loaded once; each carries a content hash as its ETag.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private static readonly Lazy<DashboardAssets> Instance = new(() => new DashboardAssets());
    private readonly Dictionary<string, DashboardAsset> _assets = new(StringComparer.Ordinal);

    private DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            var bytes = Read(assembly, name);
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            _assets[path] = new DashboardAsset(bytes, contentType, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
    }

    public static DashboardAssets Shared => Instance.Value;

    public DashboardAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
