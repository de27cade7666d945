using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.Gateway;

public static class BodySizeLimit
{
    /// <summary>
    /// Rejects a declared body over the limit with a 413 ProblemDetails before anything reads it, and caps
    /// chunked bodies through the server's own limit (Kestrel answers 413 when the stream passes it).
    /// </summary>
    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
        builder.AddEndpointFilter((context, next) => context.HttpContext.Request.ContentLength > bytes
            ? ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Request body too large.",
                detail: $"At most {bytes} bytes are accepted here.",
                statusCode: StatusCodes.Status413PayloadTooLarge))
            : next(context));
        return builder;
    }
}
