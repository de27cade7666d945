using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>
/// Signed tracking tokens: base64url(JSON claims) "." base64url(HMAC-SHA256(key, JSON claims)). Any change to
/// the claims (price, campaign, expiry...) breaks the signature; comparison is constant-time.
/// </summary>
public sealed class TrackingTokens(IOptions<TrackingOptions> options)
{
    /// <summary>Per-thread scratch for the claims JSON and the token's characters: signing allocates at most the token string.</summary>
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static char[]? t_chars;

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public string Sign(TrackingClaims claims) => new(SignToScratch(claims));

    /// <summary>
    /// The token's characters in a per-thread buffer, valid only until this thread signs again: for a caller that
    /// copies it at once into strings of its own (the tracking URLs), so the token is never a string by itself.
    /// </summary>
    public ReadOnlySpan<char> SignToScratch(TrackingClaims claims)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, claims, TrackingJsonContext.Default.TrackingClaims);
        var payload = buffer.WrittenSpan;
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, payload, signature);
        return Join(payload, signature);
    }

    /// <summary>base64url(payload) "." base64url(signature), encoded straight into the per-thread characters.</summary>
    private static ReadOnlySpan<char> Join(scoped ReadOnlySpan<byte> payload, scoped ReadOnlySpan<byte> signature)
    {
        var payloadChars = Base64Url.GetEncodedLength(payload.Length);
        var length = payloadChars + 1 + Base64Url.GetEncodedLength(signature.Length);
        var chars = t_chars is { } scratch && scratch.Length >= length ? scratch : t_chars = new char[Math.Max(length, 1024)];
        Base64Url.EncodeToChars(payload, chars);
        chars[payloadChars] = '.';
        Base64Url.EncodeToChars(signature, chars.AsSpan(payloadChars + 1));
        return chars.AsSpan(0, length);
    }

    /// <summary>The claims when the token is authentic and unexpired; otherwise null and why.</summary>
    public TrackingClaims? Verify(string? token, DateTimeOffset now, out string? error)
    {
        var claims = Read(token, out error);
        if (claims is not null && claims.ExpiresAt < now.ToUnixTimeSeconds())
        {
            error = "The tracking token has expired.";
            return null;
        }

        return claims;
    }

    /// <summary>
    /// The claims when the token is authentic and its auction lies within the conversion window; a click-through
    /// conversion may come long after the beacons' short token lifetime.
    /// </summary>
    public TrackingClaims? VerifyForConversion(string? token, DateTimeOffset now, out string? error)
    {
        var claims = Read(token, out error);
        var issuedAt = claims is null ? 0 : claims.ExpiresAt - (long)options.Value.TokenLifetime.TotalSeconds;
        if (claims is not null && issuedAt + (long)options.Value.ConversionWindow.TotalSeconds < now.ToUnixTimeSeconds())
        {
            error = $"The click was more than the conversion window ({options.Value.ConversionWindow.TotalDays:0.##} days) ago.";
            return null;
        }

        return claims;
    }

    /// <summary>The claims when the token is authentic (whatever its age); otherwise null and why.</summary>
    private TrackingClaims? Read(string? token, out string? error)
    {
        error = null;
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || token.Length > 4096 || dot <= 0)
        {
            error = "A signed tracking token is required.";
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
            {
                error = "The tracking token's signature does not match.";
                return null;
            }

            if (JsonSerializer.Deserialize(payload, TrackingJsonContext.Default.TrackingClaims) is not { } claims)
            {
                error = "The tracking token is malformed.";
                return null;
            }

            return claims;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "The tracking token is malformed.";
            return null;
        }
    }
}
