package io.texium.scheduler.problems;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * An error answer without a body gets the problem+json body every other error has: the JAX-RS runtime answers some
 * requests itself, past every mapper (Jersey, for one, a header it cannot parse, such as {@code Accept: ;;;}, with a
 * bare 400 that the servlet container would dress as an HTML page).
 */
@Provider
public class ProblemBodies implements ContainerResponseFilter {

    static final MediaType PROBLEM = new MediaType("application", "problem+json");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !response.hasEntity()) {
            var reason = Response.Status.fromStatusCode(status);
            String title = reason == null ? "Error" : reason.getReasonPhrase();
            response.setEntity(Problem.json(status, title, title), null, PROBLEM);
        }
    }
}
