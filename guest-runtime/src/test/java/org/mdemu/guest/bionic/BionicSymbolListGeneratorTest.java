package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BionicSymbolListGeneratorTest {
    private static final String MAP = """
            # a comment line
            LIBC {
              global:
                __aeabi_memcpy; # arm
                bsd_signal; # arm x86 versioned=26
                environ; # var
                fputs;
                stdin; # var introduced=23
                cabsl; # introduced-arm=21 introduced-arm64=23 introduced-x86=21
                lseek64; # arm64 x86_64 introduced=21
              local:
                *;
            };

            LIBC_P { # introduced=28
              global:
                iconv_open;
                __system_property_wait_any; # apex
            } LIBC;

            LIBC_DEPRECATED { # arm platform-only
              global: # arm
                __fixdfdi; # arm
            } LIBC_P; # arm
            """;

    @Test
    void keepsWhatArm64ExportsWithVersionNodesAndLevels() {
        List<BionicSymbolListGenerator.MapSymbol> s = BionicSymbolListGenerator.parseMap("libc.so", MAP);
        assertThat(s).extracting(BionicSymbolListGenerator.MapSymbol::name)
                .containsExactly("environ", "fputs", "stdin", "cabsl", "lseek64", "iconv_open", "__system_property_wait_any");
        assertThat(s.get(0).variable()).isTrue();
        assertThat(s.get(1).variable()).isFalse();
        assertThat(s.get(2).introduced()).isEqualTo("23");
        assertThat(s.get(3).introduced()).isEqualTo("23");
        assertThat(s.get(5).version()).isEqualTo("LIBC_P");
        assertThat(s.get(5).introduced()).isEqualTo("28");
        assertThat(s.get(6).tags()).isEqualTo("apex");
    }

    @Test
    void refusesSymbolsOutsideAGlobalSection() {
        assertThatThrownBy(() -> BionicSymbolListGenerator.parseMap("libc.so", "LIBC {\n local:\n foo;\n};\n"))
                .hasMessageContaining("foo");
    }

    @Test
    void findsDeclarationsAtTopLevelOnly() {
        String header = """
                #define fake_macro(x) regcomp(x)
                __BEGIN_DECLS
                /* int inside_comment(void); */
                extern char* _Nullable * _Nullable environ;
                extern FILE* _Nonnull stdin __INTRODUCED_IN(23);
                int regcomp(regex_t* _Nonnull __re, const char* _Nonnull __regex, int __flags);
                const char* basename(const char* path) __RENAME(__gnu_basename);
                struct s { int (*not_a_declaration)(void); };
                static inline int wrapper(void) { return called_inside(); }
                extern void (*volatile _Nonnull __free_hook)(void* _Nullable __ptr, const void* _Nonnull __caller);
                __END_DECLS
                """;
        assertThat(BionicSymbolListGenerator.declaredNames(header, Set.of("environ", "stdin", "regcomp", "basename",
                "__gnu_basename", "not_a_declaration", "called_inside", "inside_comment", "fake_macro", "__free_hook")))
                .containsExactlyInAnyOrder("environ", "stdin", "regcomp", "basename", "__gnu_basename", "__free_hook");
        assertThat(BionicSymbolListGenerator.declarations(header, Set.of("environ", "stdin", "regcomp", "__free_hook")))
                .containsEntry("environ", true).containsEntry("stdin", true).containsEntry("__free_hook", true)
                .containsEntry("regcomp", false);
    }
}
