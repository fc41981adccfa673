/** RFC 9457 problem details: the domain's exceptions and the mappers that turn every error into application/problem+json. */
package io.texium.scheduler.problems;
