package io.texium.scheduler.builtin.email;

import io.texium.scheduler.guard.MailAddresses;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends one e-mail through the server's SMTP configuration. */
@Dependent
@JobDefinition(value = "jobs.email.EmailNotificationJob", name = "E-mail notification",
        description = "Sends an e-mail (plain text or HTML) through the SMTP server configured by texium.mail.*.",
        arguments = {
                @JobDefinition.Argument(name = "to", type = Arguments.STRINGS, required = true,
                        description = "Recipients: e-mail addresses such as \"ops@example.com\" or \"Ops <ops@example.com>\"."),
                @JobDefinition.Argument(name = "subject", required = true, description = "The subject: one line."),
                @JobDefinition.Argument(name = "body", required = true, description = "The message text."),
                @JobDefinition.Argument(name = "cc", type = Arguments.STRINGS, defaultValue = "[]",
                        description = "Copy recipients."),
                @JobDefinition.Argument(name = "html", type = Arguments.BOOLEAN, defaultValue = "false",
                        description = "Whether body is HTML (sent as text/html) instead of plain text.")},
        exampleArgs = "[[\"ops@example.com\"], \"Nightly run\", \"All jobs ran.\"]",
        exampleKwargs = "{\"to\": [\"ops@example.com\"], \"cc\": [\"lead@example.com\"], \"subject\": \"Nightly run\","
                + " \"body\": \"<p>All jobs ran.</p>\", \"html\": true}",
        notes = {"The server sends through texium.mail.host/.port with .username/.password, from texium.mail.from;"
                + " with those unset the run fails saying so.",
                "Every address must be one valid address with a domain; to and cc together name at most 100.",
                "Output: {\"message_id\", \"to\", \"cc\", \"subject\"}."})
public class EmailNotificationJob implements ScheduledJob {

    @Inject
    Mailer mailer;

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        List<String> to = arguments.strings("to");
        List<String> cc = arguments.strings("cc");
        addresses(arguments, "to", to, problems);
        addresses(arguments, "cc", cc, problems);
        String count = MailAddresses.countProblem(to, cc);
        if (count != null) {
            problems.add(arguments.problem("to", count));
        }
        String subject = MailAddresses.subjectProblem(arguments.string("subject"));
        if (subject != null) {
            problems.add(arguments.problem("subject", subject));
        }
        return problems;
    }

    @Override
    public Object run(JobContext context) {
        Arguments arguments = checked(context.arguments());
        var sent = mailer.send(arguments.strings("to"), arguments.strings("cc"), arguments.requiredString("subject"),
                arguments.requiredString("body"), arguments.bool("html", false), List.of());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message_id", sent.messageId());
        output.put("to", sent.to());
        output.put("cc", sent.cc());
        output.put("subject", sent.subject());
        return output;
    }

    private static void addresses(Arguments arguments, String name, List<String> addresses,
                                  List<Arguments.Problem> problems) {
        for (int i = 0; i < addresses.size(); i++) {
            String problem = MailAddresses.problem(addresses.get(i));
            if (problem != null) {
                problems.add(new Arguments.Problem(arguments.field(name) + "[" + i + "]", problem));
            }
        }
    }
}
