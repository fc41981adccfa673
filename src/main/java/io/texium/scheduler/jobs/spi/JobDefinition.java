package io.texium.scheduler.jobs.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a {@link ScheduledJob} for the API: the {@code job_class_string} clients use, and what it expects. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobDefinition {

    /** The {@code job_class_string}, e.g. {@code jobs.echo.EchoJob}. */
    String value();

    String name();

    String description() default "";

    Argument[] arguments() default {};

    /** One argument the job reads from {@code pub_args} (by position) or {@code pub_kwargs} (by name). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Argument {
        String name();

        String type() default "string";

        String description() default "";

        boolean required() default false;
    }
}
