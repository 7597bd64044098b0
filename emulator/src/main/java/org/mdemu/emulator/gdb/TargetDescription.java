package org.mdemu.emulator.gdb;

/**
 * The target description gdb reads with {@code qXfer:features:read:target.xml}: the aarch64 core and FP/SIMD
 * features with gdb's register names and numbers (x0-x30 = 0-30, sp 31, pc 32, cpsr 33, v0-v31 34-65, fpsr 66,
 * fpcr 67), which the {@code g}/{@code p} packets follow.
 */
final class TargetDescription {
    static final int SP = 31, PC = 32, CPSR = 33, V0 = 34, FPSR = 66, FPCR = 67, COUNT = 68;

    private TargetDescription() {}

    static String xml() {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        s.append("<architecture>aarch64</architecture>\n<osabi>GNU/Linux</osabi>\n");
        s.append("<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        s.append("<flags id=\"cpsr_flags\" size=\"4\"><field name=\"V\" start=\"28\" end=\"28\"/>"
                + "<field name=\"C\" start=\"29\" end=\"29\"/><field name=\"Z\" start=\"30\" end=\"30\"/>"
                + "<field name=\"N\" start=\"31\" end=\"31\"/></flags>\n");
        for (int i = 0; i <= 30; i++) {
            s.append("<reg name=\"x").append(i).append("\" bitsize=\"64\" type=\"int\" regnum=\"").append(i).append("\"/>\n");
        }
        s.append("<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"31\"/>\n");
        s.append("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>\n");
        s.append("<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\" regnum=\"33\"/>\n");
        s.append("</feature>\n<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
        s.append("<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
                + "<vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
                + "<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n<vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n"
                + "<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n<vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n"
                + "<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n<vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n"
                + "<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n<vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n");
        s.append("<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/>"
                + "<field name=\"s\" type=\"v2i\"/></union>\n");
        s.append("<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/>"
                + "<field name=\"s\" type=\"v4i\"/></union>\n");
        s.append("<union id=\"vnh\"><field name=\"u\" type=\"v8u\"/><field name=\"s\" type=\"v8i\"/></union>\n");
        s.append("<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/></union>\n");
        s.append("<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/></union>\n");
        s.append("<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/>"
                + "<field name=\"h\" type=\"vnh\"/><field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>\n");
        for (int i = 0; i < 32; i++) {
            s.append("<reg name=\"v").append(i).append("\" bitsize=\"128\" type=\"aarch64v\" regnum=\"").append(V0 + i)
                    .append("\"/>\n");
        }
        s.append("<reg name=\"fpsr\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>\n");
        s.append("<reg name=\"fpcr\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>\n");
        s.append("</feature>\n</target>\n");
        return s.toString();
    }

    /** The size in bytes of register n in the {@code g} packet. */
    static int size(int n) {
        if (n == CPSR || n == FPSR || n == FPCR) return 4;
        if (n >= V0 && n < V0 + 32) return 16;
        return 8;
    }
}
