using AdOrleans.Log;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Gateway;

internal static class LogUnavailable
{
    /// <summary>503 with Retry-After: the client keeps the event and retries, so nothing is acknowledged and then lost.</summary>
    public static ProblemHttpResult Problem(HttpContext context, LogUnavailableException e) => Problem(context, e.Message);

    public static ProblemHttpResult Problem(HttpContext context, string detail = "The log cannot take appends now; retry shortly.")
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            title: "The event log is unavailable.",
            detail: detail,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 1 });
    }
}
