package org.mdemu.cli;

import picocli.CommandLine.IVersionProvider;

/** Version text from the jar manifest (set by the build), or "development" when run from classes. */
final class MdemuVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Mdemu.class.getPackage().getImplementationVersion();
        return new String[] {"mdemu " + (v == null ? "development" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
