package io.projectionist.sim.tautulli;

import io.projectionist.sim.http.Params;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Command parameters with Tautulli's conversions: int("abc") crashes (HTTP 500), "" means not given. */
final class Args {

    private final Params params;

    Args(Params params) {
        this.params = params;
    }

    String str(String name) {
        return params.nonEmpty(name);
    }

    String str(String name, String dflt) {
        String v = params.nonEmpty(name);
        return v == null ? dflt : v;
    }

    String required(String name) {
        String v = params.nonEmpty(name);
        if (v == null) {
            throw new ApiErrors.NoResult("missing " + name);
        }
        return v;
    }

    static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiErrors.CommandCrash("invalid literal for int() for " + name + ": '" + v + "'");
        }
    }

    /** An int, or the default when absent; a non-integer crashes the command. */
    int intArg(String name, int dflt) {
        String v = params.nonEmpty(name);
        return v == null ? dflt : parseInt(name, v);
    }

    Integer intOrNull(String name) {
        String v = params.nonEmpty(name);
        return v == null ? null : parseInt(name, v);
    }

    /** Tautulli's helpers.cast_to_int(x) or default: bad or zero values fall back quietly (graphs, stats). */
    int lenientInt(String name, int dflt) {
        String v = params.nonEmpty(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n == 0 ? dflt : n;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    boolean flag(String name, boolean dflt) {
        String v = params.nonEmpty(name);
        if (v == null) {
            return dflt;
        }
        return !(v.equals("0") || v.equalsIgnoreCase("false"));
    }

    /** A comma list of ints, or null when absent. */
    List<Integer> intList(String name) {
        String v = params.nonEmpty(name);
        if (v == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(parseInt(name, part));
            }
        }
        return out;
    }

    List<String> strList(String name) {
        String v = params.nonEmpty(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    LocalDate date(String name) {
        String v = params.nonEmpty(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new ApiErrors.CommandCrash("bad date for " + name + ": " + v);
        }
    }

    boolean has(String name) {
        return params.nonEmpty(name) != null;
    }
}
