package io.texium.scheduler.jobs.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link ScheduledJob} for the API: the {@code job_class_string} clients use, what it does, and the
 * arguments it reads. The arguments are the contract a job is validated against when it is saved: a job's
 * {@code pub_kwargs} name them, its {@code pub_args} give them by position in the order listed here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobDefinition {

    /** The {@code job_class_string}, e.g. {@code jobs.echo.EchoJob}. */
    String value();

    String name();

    String description() default "";

    Argument[] arguments() default {};

    /** An example {@code pub_args}, as JSON. */
    String exampleArgs() default "[]";

    /** An example {@code pub_kwargs}, as JSON. */
    String exampleKwargs() default "{}";

    /** What else a user should know: limits, configuration it reads, what it refuses. */
    String[] notes() default {};

    /** Only an administrator may create, change or run a job of this class, and its owner must be one. */
    boolean adminOnly() default false;

    /**
     * One argument the job reads. {@code *args} and {@code **kwargs} as names accept any further positional or
     * named arguments.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Argument {
        String name();

        /** One of {@link Arguments#TYPES}. */
        String type() default Arguments.STRING;

        String description() default "";

        boolean required() default false;

        /** The value taken when the argument is left out, as JSON; empty for none. */
        String defaultValue() default "";

        /** Masked in every API answer, audit entry and log line (a password, a token). */
        boolean secret() default false;

        /** The only values allowed, when the argument is one of a few words. */
        String[] allowed() default {};

        /** The smallest value of an {@code integer} or {@code number} argument. */
        long min() default Long.MIN_VALUE;

        /** The largest value of an {@code integer} or {@code number} argument. */
        long max() default Long.MAX_VALUE;
    }
}
