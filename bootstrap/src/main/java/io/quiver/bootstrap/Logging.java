package io.quiver.bootstrap;

import java.time.Instant;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on standard error: time, level, logger, message. */
final class Logging {

    private Logging() {
    }

    static void configure(String level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level parsed = parse(level);
        Handler handler = new ConsoleHandler();
        handler.setLevel(parsed);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " "
                        + shortName(r.getLoggerName()) + ": " + formatMessage(r) + System.lineSeparator();
                if (r.getThrown() != null) {
                    line += r.getThrown() + System.lineSeparator();
                }
                return line;
            }
        });
        root.addHandler(handler);
        root.setLevel(parsed);
        // Helidon's own start-up chatter is useful at DEBUG only
        Logger.getLogger("io.helidon").setLevel(parsed.intValue() <= Level.FINE.intValue() ? parsed : Level.WARNING);
    }

    private static Level parse(String level) {
        // Qdrant accepts a filter list such as "INFO,actix_web=warn": its first entry is the overall level
        String overall = level == null ? "" : level.split(",", 2)[0].trim();
        return switch (overall.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    private static String shortName(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
