#pragma once
/* Addresses of AF_VSOCK sockets: a context id (which machine) and a port, 16 bytes in all. */
#include <sys/socket.h>
struct sockaddr_vm {
  unsigned short svm_family;   /* AF_VSOCK */
  unsigned short svm_reserved1;
  unsigned int svm_port;
  unsigned int svm_cid;
  unsigned char svm_flags;
  unsigned char svm_zero[3];
};
#define VMADDR_CID_ANY 0xffffffffU
#define VMADDR_PORT_ANY 0xffffffffU
#define VMADDR_CID_HYPERVISOR 0
#define VMADDR_CID_LOCAL 1
#define VMADDR_CID_HOST 2
/* Options at level AF_VSOCK. */
#define SO_VM_SOCKETS_BUFFER_SIZE 0
