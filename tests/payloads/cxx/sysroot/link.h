/* bionic's <link.h> for arm64: dl_iterate_phdr and struct dl_phdr_info. */
#pragma once
#include <sys/cdefs.h>
#include <stddef.h>
#include <elf.h>
__BEGIN_DECLS
struct dl_phdr_info {
  Elf64_Addr dlpi_addr;
  const char* dlpi_name;
  const Elf64_Phdr* dlpi_phdr;
  Elf64_Half dlpi_phnum;
  unsigned long long dlpi_adds;
  unsigned long long dlpi_subs;
  size_t dlpi_tls_modid;
  void* dlpi_tls_data;
};
int dl_iterate_phdr(int (*)(struct dl_phdr_info*, size_t, void*), void*);
__END_DECLS
