package io.texium.scheduler.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The exception mappers: each error leaves the API as problem+json, and only a server fault is a 5xx. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** 400 naming each field at fault. */
    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return Problem.response(400, "Invalid request", e.getMessage(), e.errors());
        }
    }

    /** 404 for an unknown or malformed id. */
    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return Problem.response(404, "Not found", e.getMessage());
        }
    }

    /** 403: the caller may not do this. */
    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return Problem.response(403, "Forbidden", e.getMessage());
        }
    }

    /** 409: the request clashes with what is stored. */
    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return Problem.response(409, "Conflict", e.getMessage());
        }
    }

    /** 412: the job changed since the client read it. */
    @Provider
    public static class PreconditionFailed implements ExceptionMapper<PreconditionFailedException> {
        @Override
        public Response toResponse(PreconditionFailedException e) {
            return Problem.response(412, "Precondition Failed", e.getMessage());
        }
    }

    /** 503: not now, nothing changed; the cause is logged as a warning, without a trace. */
    @Provider
    public static class Unavailable implements ExceptionMapper<UnavailableException> {
        @Override
        public Response toResponse(UnavailableException e) {
            LOG.log(Level.WARNING, e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
            return Response.fromResponse(Problem.response(503, "Service Unavailable", e.getMessage()))
                    .header("Retry-After", "5").build();
        }
    }

    /** JAX-RS' own errors (unknown path, wrong method, unsupported media type) keep their status. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            var reason = Response.Status.fromStatusCode(status);
            String title = reason == null ? "Error" : reason.getReasonPhrase();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "request failed", e);
                return Problem.response(status, title, title);
            }
            return Problem.response(status, title, e.getMessage());
        }
    }

    /** 503 while the store does not answer: the request changed nothing and may be sent again. */
    @Provider
    public static class StoreUnavailable implements ExceptionMapper<com.mongodb.MongoException> {
        @Override
        public Response toResponse(com.mongodb.MongoException e) {
            if (e instanceof com.mongodb.MongoTimeoutException || e instanceof com.mongodb.MongoSocketException) {
                LOG.log(Level.WARNING, "the store does not answer: " + e.getMessage());
                return Response.fromResponse(Problem.response(503, "Service Unavailable",
                        "The store does not answer; nothing was changed. Try again shortly.")).header("Retry-After", "5").build();
            }
            LOG.log(Level.SEVERE, "store error", e);
            return Problem.response(500, "Internal Server Error", "The scheduler failed to handle the request; see its log.");
        }
    }

    /** Anything else is our fault: logged with its stack trace, answered without internals. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "unexpected error", e);
            return Problem.response(500, "Internal Server Error", "The scheduler failed to handle the request; see its log.");
        }
    }
}
