package org.mdemu.loader.apk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a VM payload config file ({@code assets/vm_config.json}) that names the payload: its task of type
 * {@code microdroid_launcher} and the command (library) it runs. Only the task is read: mdemu has no use for the
 * rest, so a small scanner stands in for a JSON library.
 */
public record VmPayloadConfig(String taskType, String command) {
    private static final Pattern TASK = Pattern.compile("\"task\"\\s*:\\s*\\{([^{}]*)\\}", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([^\"]*)\"");

    public static VmPayloadConfig parse(String where, String json) throws ApkException {
        String trimmed = json.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || !balanced(trimmed)) {
            throw new ApkException(where + ": not a JSON object");
        }
        Matcher task = TASK.matcher(trimmed);
        if (!task.find()) throw new ApkException(where + ": no \"task\" object");
        Matcher type = TYPE.matcher(task.group(1));
        Matcher command = COMMAND.matcher(task.group(1));
        if (!type.find()) throw new ApkException(where + ": task has no \"type\"");
        if (!type.group(1).equals("microdroid_launcher")) {
            throw new ApkException(where + ": task type \"" + type.group(1) + "\" is not supported (expected"
                    + " \"microdroid_launcher\")");
        }
        if (!command.find() || command.group(1).isEmpty()) throw new ApkException(where + ": task has no \"command\"");
        return new VmPayloadConfig(type.group(1), command.group(1));
    }

    private static boolean balanced(String s) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth < 0) return false;
            }
        }
        return depth == 0 && !inString;
    }
}
