using System.Text.Json.Nodes;

namespace AdOrleans.Testing;

/// <summary>A minimal server-sent-events client: reads frames (id, event, data) until told to stop.</summary>
public sealed class SseReader(HttpResponseMessage response) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(response.Content.ReadAsStream());

    public sealed record Frame(string? Id, string Event, JsonNode? Data);

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return new SseReader(response);
    }

    /// <summary>Reads frames until one satisfies the condition; comments (keep-alives) are skipped.</summary>
    public async Task<Frame> ReadUntilAsync(Func<Frame, bool> condition, List<Frame>? seen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var frame = await ReadFrameAsync(timeout.Token);
            seen?.Add(frame);
            if (condition(frame))
            {
                return frame;
            }
        }
    }

    private async Task<Frame> ReadFrameAsync(CancellationToken ct)
    {
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (type is not null || data is not null)
                {
                    return new Frame(id, type ?? "message", data is null ? null : JsonNode.Parse(data));
                }

                continue;
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart());
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = value; break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
