package dev.bpfbook.runtime.format;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * C strftime(3) in the "C" locale, for time() and strftime(). Covers the POSIX conversions; an unknown
 * conversion is copied through as glibc does.
 */
public final class Strftime {
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.US);

    private Strftime() {}

    public static String format(String fmt, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char k = fmt.charAt(++i);
            String r = conversion(k, t);
            sb.append(r != null ? r : "%" + k);
        }
        return sb.toString();
    }

    private static String conversion(char k, ZonedDateTime t) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int yday = t.getDayOfYear() - 1;
        int wday = t.getDayOfWeek().getValue() % 7; // Sunday = 0
        return switch (k) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
            case 'C' -> two(Math.floorDiv(t.getYear(), 100));
            case 'd' -> two(t.getDayOfMonth());
            case 'D', 'x' -> format("%m/%d/%y", t);
            case 'e' -> pad(t.getDayOfMonth(), ' ');
            case 'F' -> format("%Y-%m-%d", t);
            case 'g' -> two(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(t.getHour());
            case 'I' -> two(hour12);
            case 'j' -> String.format("%03d", yday + 1);
            case 'k' -> pad(t.getHour(), ' ');
            case 'l' -> pad(hour12, ' ');
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'r' -> format("%I:%M:%S %p", t);
            case 'R' -> format("%H:%M", t);
            case 's' -> Long.toString(t.toEpochSecond());
            case 'S' -> two(t.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> format("%H:%M:%S", t);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> two((yday + 7 - wday) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(wday);
            case 'W' -> two((yday + 7 - (wday + 6) % 7) / 7);
            case 'y' -> two(Math.floorMod(t.getYear(), 100));
            case 'Y' -> Integer.toString(t.getYear());
            case 'z' -> offset(t.getOffset().getTotalSeconds());
            case 'Z' -> ZONE_ABBREVIATION.format(t);
            case '%' -> "%";
            default -> null;
        };
    }

    private static String two(int v) {
        return v < 10 && v >= 0 ? "0" + v : Integer.toString(v);
    }

    private static String pad(int v, char fill) {
        return v < 10 ? fill + Integer.toString(v) : Integer.toString(v);
    }

    private static String offset(int seconds) {
        int abs = Math.abs(seconds) / 60;
        return (seconds < 0 ? "-" : "+") + two(abs / 60) + two(abs % 60);
    }
}
