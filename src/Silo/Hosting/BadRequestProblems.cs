using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// A request the endpoint could not even bind (malformed JSON, a wrong JSON type, an unparsable query value, no body)
/// answers a validation ProblemDetails naming the field, like every other 400: the contract promises the field, and
/// ASP.NET Core's own answer only says "Bad Request". Other statuses of <see cref="BadHttpRequestException"/> (413,
/// 415 …) keep their status and get a detail.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = bad.StatusCode;
        var problem = bad.StatusCode == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field(bad)] = [Reason(bad)] })
            : new ProblemDetails { Detail = bad.Message };
        problem.Status = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The JSON path of a body that did not parse ("$.events[0].valueMicros" → "events[0].valueMicros"), "body" when there was none, else the parameter's name.</summary>
    private static string Field(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return json.Path?.TrimStart('$').TrimStart('.') is { Length: > 0 } field ? field : "body";
        }

        if (IsAboutTheBody(bad))
        {
            return "body";
        }

        // ASP.NET Core names the parameter as "<type> <name>" in quotes: 'Failed to bind parameter "DateTimeOffset? from" from "x".'
        return ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "request";
    }

    private static string Reason(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } position } =>
            $"Not readable as the expected JSON (line {line + 1}, byte {position + 1}).",
        JsonException => "Not readable as the expected JSON.",
        _ when IsAboutTheBody(bad) => "A JSON body is required.",
        _ => "Not a valid value for this parameter.",
    };

    /// <summary>
    /// A missing body ("... was not provided from body.", "Implicit body inferred ... but no body was provided."). A value
    /// that failed to bind is quoted in its message, so a query value such as "nobody" must not count.
    /// </summary>
    private static bool IsAboutTheBody(BadHttpRequestException bad) =>
        !bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) && bad.Message.Contains("body", StringComparison.Ordinal);

    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();
}
