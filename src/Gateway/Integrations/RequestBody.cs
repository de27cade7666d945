using Microsoft.AspNetCore.Http;

namespace AdOrleans.Gateway.Integrations;

/// <summary>Reads a whole request body (signatures and CSV jobs need the exact bytes), never more than a limit.</summary>
public static class RequestBody
{
    /// <exception cref="BadHttpRequestException">The body is larger than <paramref name="maxBytes"/> (answered 413).</exception>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new BadHttpRequestException($"The body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
