package dev.paperrec.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys the application understands, for telling whether an environment variable set in a
 * manifest configures anything.
 *
 * <p>An environment variable is known when, read the MicroProfile Config way (every character that is not a
 * letter or digit becomes {@code _}, upper case), it names a key of {@code application.properties}, a key
 * under one of the Quarkus prefixes the service uses, a property of a {@code @ConfigMapping} interface in
 * the main sources, or a variable on the explicit allow-list (variables of the container image, and keys of
 * features whose mapping is not there yet).
 */
final class ConfigurationKeys {

    /** Quarkus configuration roots the service configures through the environment. */
    static final List<String> QUARKUS_PREFIXES = List.of(
            "quarkus.datasource.", "quarkus.mailer.", "quarkus.http.", "quarkus.log.", "quarkus.shutdown.");

    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*(?:prefix\\s*=\\s*)?\"([^\"]+)\"[^)]*\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
    private static final Pattern METHOD = Pattern.compile("(?s)^(.*?)\\b(\\w+)\\s*\\(\\s*\\)$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^)]*\\))?");
    private static final String ANY_SEGMENT = "*";

    private final Set<String> propertyEnvNames;
    private final List<Pattern> mappingEnvNames;
    private final Set<String> allowedEnvNames;

    private ConfigurationKeys(Set<String> propertyEnvNames, List<Pattern> mappingEnvNames, Set<String> allowedEnvNames) {
        this.propertyEnvNames = propertyEnvNames;
        this.mappingEnvNames = mappingEnvNames;
        this.allowedEnvNames = allowedEnvNames;
    }

    static ConfigurationKeys load(Path applicationProperties, Path mainSources, Path allowList) {
        Set<String> properties = new LinkedHashSet<>();
        for (String key : propertyNames(applicationProperties)) {
            properties.add(toEnvName(key));
        }
        return new ConfigurationKeys(properties, mappingPatterns(mainSources), allowList(allowList));
    }

    /** MicroProfile Config's environment variable name for a property name. */
    static String toEnvName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** SmallRye Config's default naming of a mapping method: {@code schedulerEnabled} → {@code scheduler-enabled}. */
    static String kebabCase(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    boolean isKnown(String envName) {
        if (allowedEnvNames.contains(envName) || propertyEnvNames.contains(envName)) {
            return true;
        }
        for (String prefix : QUARKUS_PREFIXES) {
            String envPrefix = toEnvName(prefix);
            if (envName.startsWith(envPrefix) && envName.length() > envPrefix.length()) {
                return true;
            }
        }
        return mappingEnvNames.stream().anyMatch(pattern -> pattern.matcher(envName).matches());
    }

    /** Environment variable patterns of every {@code @ConfigMapping} property, for reports and tests. */
    List<String> mappingPatterns() {
        return mappingEnvNames.stream().map(Pattern::pattern).toList();
    }

    static Set<String> propertyNames(Path applicationProperties) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            // "%test.quarkus.http.test-port" configures "quarkus.http.test-port" in one profile
            names.add(key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key);
        }
        return names;
    }

    private static Set<String> allowList(Path allowList) {
        try (Stream<String> lines = Files.lines(allowList)) {
            Set<String> names = new LinkedHashSet<>();
            lines.map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty()).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Pattern> mappingPatterns(Path mainSources) {
        if (!Files.isDirectory(mainSources)) {
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mainSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.add(withoutComments(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> interfaceBodies = new HashMap<>();
        for (String source : sources) {
            Matcher declaration = INTERFACE.matcher(source);
            while (declaration.find()) {
                interfaceBodies.putIfAbsent(declaration.group(1), body(source, declaration.end() - 1));
            }
        }
        List<List<String>> keys = new ArrayList<>();
        for (String source : sources) {
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            while (mapping.find()) {
                Matcher declaration = INTERFACE.matcher(source);
                if (declaration.find(mapping.end())) {
                    collectKeys(List.of(mapping.group(1)), declaration.group(1), interfaceBodies, keys, 0);
                }
            }
        }
        return keys.stream().map(ConfigurationKeys::envPattern).toList();
    }

    private static void collectKeys(List<String> prefix, String interfaceName, Map<String, String> interfaceBodies,
            List<List<String>> keys, int depth) {
        String body = interfaceBodies.get(interfaceName);
        if (body == null || depth > 8) {
            return;
        }
        for (String statement : topLevelStatements(body)) {
            if (statement.matches("(?s).*\\b(default|static|private)\\b.*")) {
                continue;
            }
            Matcher method = METHOD.matcher(statement);
            if (!method.matches()) {
                continue;
            }
            String head = method.group(1);
            Matcher withName = WITH_NAME.matcher(head);
            String segment = withName.find() ? withName.group(1) : kebabCase(method.group(2));
            List<String> key = new ArrayList<>(prefix);
            if (!head.contains("@WithParentName")) {
                key.add(segment);
            }
            String type = ANNOTATION.matcher(head).replaceAll(" ").trim();
            type = unwrap(type, "Optional");
            if (type.matches("(?s)(java\\.util\\.)?(Map|SortedMap|NavigableMap)\\s*<.*")) {
                key.add(ANY_SEGMENT);
                type = type.substring(type.indexOf(',') + 1, type.lastIndexOf('>')).trim();
            }
            String simpleName = type.replaceAll("<.*", "").replaceAll(".*\\.", "").trim();
            if (interfaceBodies.containsKey(simpleName) && !simpleName.equals(interfaceName)) {
                collectKeys(key, simpleName, interfaceBodies, keys, depth + 1);
            } else {
                keys.add(key);
            }
        }
    }

    private static String unwrap(String type, String wrapper) {
        String trimmed = type.trim();
        if (trimmed.matches("(?s)(java\\.util\\.)?" + wrapper + "\\s*<.*>")) {
            return trimmed.substring(trimmed.indexOf('<') + 1, trimmed.lastIndexOf('>')).trim();
        }
        return trimmed;
    }

    private static Pattern envPattern(List<String> segments) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                regex.append('_');
            }
            String segment = segments.get(i);
            // a map key: unquoted (ADMIN) or quoted ("admin" -> _ADMIN_, hence the double underscores)
            regex.append(segment.equals(ANY_SEGMENT) ? "[A-Z0-9_]+" : Pattern.quote(toEnvName(segment)));
        }
        return Pattern.compile(regex.toString());
    }

    /** Statements at the top level of a block body; nested blocks are dropped. */
    private static List<String> topLevelStatements(String body) {
        StringBuilder flat = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                if (depth == 0) {
                    flat.append(';');
                }
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                flat.append(c);
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : flat.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        return statements;
    }

    /** The text between the brace at {@code open} and its matching closing brace. */
    private static String body(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return source.substring(open + 1, i);
            }
        }
        return source.substring(open + 1);
    }

    /** Java source without comments; string and character literals are kept as they are. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
