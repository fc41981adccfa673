package io.texium.scheduler.guard;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** The rules a mail's recipients and subject follow before anything is sent: one strict address each, no header injection. */
public final class MailAddresses {

    /** At most this many recipients (to and cc together) in one mail. */
    public static final int MAX_RECIPIENTS = 100;
    public static final int MAX_SUBJECT = 998;

    private MailAddresses() {
    }

    /** The address, parsed strictly; one address, no group, with a domain. */
    public static InternetAddress parse(String address) throws AddressException {
        if (address == null || address.isBlank()) {
            throw new AddressException("is empty");
        }
        if (address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AddressException("contains a control character (CR, LF, ...)", address);
        }
        var parsed = new InternetAddress(address, true);
        parsed.validate();
        if (parsed.isGroup()) {
            throw new AddressException("is a group, not one address", address);
        }
        String mailbox = parsed.getAddress();
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new AddressException("has no domain (user@example.com)", address);
        }
        return parsed;
    }

    /** Why {@code address} is refused, or null. */
    public static String problem(String address) {
        try {
            parse(address);
            return null;
        } catch (AddressException e) {
            return "is not an e-mail address: " + reason(e);
        }
    }

    /** Why {@code subject} is refused, or null. */
    public static String subjectProblem(String subject) {
        if (subject == null || subject.isBlank()) {
            return "is required";
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            return "must be one line (no CR or LF)";
        }
        if (subject.length() > MAX_SUBJECT) {
            return "must be at most " + MAX_SUBJECT + " characters";
        }
        return null;
    }

    /** Why a mail to these recipients is refused as a whole, or null. */
    public static String countProblem(List<String> to, List<String> cc) {
        if (to.isEmpty()) {
            return "must name at least one recipient";
        }
        if (to.size() + cc.size() > MAX_RECIPIENTS) {
            return "to and cc together must name at most " + MAX_RECIPIENTS + " recipients";
        }
        return null;
    }

    private static String reason(AddressException e) {
        String message = e.getMessage();
        // AddressException's message ends with "in string ``...''": the address is already in the field
        int in = message == null ? -1 : message.indexOf(" in string ");
        return in < 0 ? String.valueOf(message) : message.substring(0, in);
    }
}
