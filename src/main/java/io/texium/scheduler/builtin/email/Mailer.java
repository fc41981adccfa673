package io.texium.scheduler.builtin.email;

import io.texium.scheduler.guard.MailAddresses;
import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends mail through the SMTP server of {@code texium.mail.*}, for any job that mails (a notification, a report). The
 * password is handed to the SMTP connection only: it is in no message, output or log line.
 */
@ApplicationScoped
public class Mailer {

    static final String PREFIX = "texium.mail.";

    @Inject
    @ConfigProperty(name = PREFIX + "host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = PREFIX + "port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = PREFIX + "username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = PREFIX + "password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = PREFIX + "from")
    Optional<String> from;

    @Inject
    @ConfigProperty(name = PREFIX + "starttls", defaultValue = "false")
    boolean starttls;

    @Inject
    @ConfigProperty(name = PREFIX + "ssl", defaultValue = "false")
    boolean ssl;

    @Inject
    @ConfigProperty(name = PREFIX + "timeout-ms", defaultValue = "10000")
    int timeoutMs;

    @Inject
    Clock clock;

    /** A file sent along with a mail. */
    public record Attachment(String name, String contentType, byte[] content) {
    }

    /** What was sent: the Message-ID the mail carries, and to whom. */
    public record Sent(String messageId, List<String> to, List<String> cc, String subject) {
    }

    /** A mailer for this SMTP server, without authentication or TLS, for code and tests outside the container. */
    public static Mailer plain(String host, int port, String from, int timeoutMs, Clock clock) {
        var mailer = new Mailer();
        mailer.host = Optional.of(host);
        mailer.port = port;
        mailer.username = Optional.empty();
        mailer.password = Optional.empty();
        mailer.from = Optional.of(from);
        mailer.timeoutMs = timeoutMs;
        mailer.clock = clock;
        return mailer;
    }

    /** Whether {@code texium.mail.host} and {@code .from} are set, so that {@link #send} can work at all. */
    public boolean configured() {
        return notConfigured() == null;
    }

    /**
     * Sends one mail now.
     *
     * @param html whether {@code body} is HTML ({@code text/html}) or plain text
     * @param attachments sent as parts of a {@code multipart/mixed} mail after the body; empty for none
     * @throws IllegalArgumentException for a recipient or subject that {@link MailAddresses} refuses
     * @throws IllegalStateException when mail is not configured, or the SMTP server refused or could not be reached
     */
    public Sent send(List<String> to, List<String> cc, String subject, String body, boolean html,
                     List<Attachment> attachments) {
        String missing = notConfigured();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        List<String> copies = cc == null ? List.of() : cc;
        InternetAddress[] toAddresses = addresses("to", to);
        InternetAddress[] ccAddresses = addresses("cc", copies);
        String count = MailAddresses.countProblem(to, copies);
        String subjectProblem = MailAddresses.subjectProblem(subject);
        if (count != null || subjectProblem != null) {
            throw new IllegalArgumentException(count != null ? "to " + count : "subject " + subjectProblem);
        }
        Session session = Session.getInstance(properties());
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(sender());
            message.setRecipients(Message.RecipientType.TO, toAddresses);
            if (ccAddresses.length > 0) {
                message.setRecipients(Message.RecipientType.CC, ccAddresses);
            }
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            String subtype = html ? "html" : "plain";
            if (attachments == null || attachments.isEmpty()) {
                message.setText(body == null ? "" : body, StandardCharsets.UTF_8.name(), subtype);
            } else {
                var mixed = new MimeMultipart("mixed");
                var text = new MimeBodyPart();
                text.setText(body == null ? "" : body, StandardCharsets.UTF_8.name(), subtype);
                mixed.addBodyPart(text);
                for (Attachment a : attachments) {
                    var part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                    part.setFileName(a.name());
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                    mixed.addBodyPart(part);
                }
                message.setContent(mixed);
            }
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(host.orElseThrow(), port, username.orElse(null), password.orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            }
            return new Sent(message.getMessageID(), List.copyOf(to), List.copyOf(copies), subject);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not send mail through SMTP server " + host.orElseThrow() + ":" + port
                    + ": " + describe(e), e);
        }
    }

    private Properties properties() {
        var p = new Properties();
        p.put("mail.smtp.host", host.orElseThrow());
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", String.valueOf(timeoutMs));
        p.put("mail.smtp.timeout", String.valueOf(timeoutMs));
        p.put("mail.smtp.writetimeout", String.valueOf(timeoutMs));
        p.put("mail.smtp.auth", String.valueOf(username.filter(u -> !u.isBlank()).isPresent()));
        p.put("mail.smtp.from", sender().getAddress());
        if (starttls) {
            // asked for, STARTTLS is required: a server that does not offer it gets no password in plain text
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (ssl) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        if (starttls || ssl) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    private InternetAddress sender() {
        try {
            return MailAddresses.parse(from.orElseThrow());
        } catch (AddressException e) {
            throw new IllegalStateException(PREFIX + "from is not an e-mail address");
        }
    }

    private static InternetAddress[] addresses(String field, List<String> addresses) {
        List<InternetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            String problem = MailAddresses.problem(address);
            if (problem != null) {
                throw new IllegalArgumentException(field + " '" + address + "' " + problem);
            }
            try {
                parsed.add(MailAddresses.parse(address));
            } catch (AddressException e) {
                throw new IllegalArgumentException(field + " '" + address + "' is not an e-mail address", e);
            }
        }
        return parsed.toArray(InternetAddress[]::new);
    }

    private String notConfigured() {
        List<String> missing = new ArrayList<>();
        if (host == null || host.filter(h -> !h.isBlank()).isEmpty()) {
            missing.add(PREFIX + "host");
        }
        if (from == null || from.filter(f -> !f.isBlank()).isEmpty()) {
            missing.add(PREFIX + "from");
        }
        return missing.isEmpty() ? null : "mail is not configured on this server: set " + String.join(" and ", missing);
    }

    /** The failure and its causes in one line (a refused connection hides in the cause). */
    private static String describe(Throwable e) {
        var text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
            }
        }
        return text.toString().replace('\n', ' ').strip();
    }
}
