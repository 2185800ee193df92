using Atr.Domain.Access;
using Atr.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Atr.App.Api;

/// <summary>
/// Turns exceptions on API routes into RFC 7807 problem JSON. A domain rule gives its own message (it is written
/// for users); anything else gives a generic message and a trace id, never exception text or a stack trace.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path is the error page's; the feature keeps the path that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!new PathString(path).StartsWithSegments("/api"))
        {
            return false;
        }

        var (status, title, detail) = exception switch
        {
            AccessDeniedException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            NotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            DuplicateException e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
            TooManyRequestsException e => (StatusCodes.Status429TooManyRequests, "Too many requests", e.Message),
            PayloadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, "Too large", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Too large", "The request body is larger than this instance accepts."),
            BadHttpRequestException e => (e.StatusCode, "Bad request", "The request could not be read."),
            DomainException e => (StatusCodes.Status400BadRequest, "The request breaks a rule", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "Atr could not complete the request."),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Path}", path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (exception is DomainException { RuleKind: var rule })
        {
            problem.Extensions["rule"] = rule;
        }

        if (exception is ValidationException { Errors: var errors })
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
