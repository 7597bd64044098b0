/* Calls the DICE, secret and attestation functions of libvm_payload and prints what they return, in hex, for the
   host-side tests to check independently. The DICE calls come last: they abort a VM not started from a config file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vm_payload.h>

static int failures;

static void check(const char* name, int ok) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s\n", name); failures++; }
}

static void print_hex(const char* label, const unsigned char* data, size_t size) {
  printf("%s ", label);
  for (size_t i = 0; i < size; i++) printf("%02x", data[i]);
  printf("\n");
}

static void secrets(void) {
  unsigned char a[32], b[32], prefix[16], other[32];
  AVmPayload_getVmInstanceSecret("mdemu-test", 10, a, sizeof a);
  AVmPayload_getVmInstanceSecret("mdemu-test", 10, b, sizeof b);
  AVmPayload_getVmInstanceSecret("mdemu-test", 10, prefix, sizeof prefix);
  AVmPayload_getVmInstanceSecret("another id", 10, other, sizeof other);
  print_hex("secret", a, sizeof a);
  print_hex("secret-other", other, sizeof other);
  check("the same identifier gives the same secret", memcmp(a, b, sizeof a) == 0);
  check("a shorter secret is a prefix of the full one", memcmp(a, prefix, sizeof prefix) == 0);
  check("another identifier gives another secret", memcmp(a, other, sizeof a) != 0);
}

static void dump_result(const char* prefix, AVmAttestationResult* result) {
  char label[64];
  size_t key_size = AVmAttestationResult_getPrivateKey(result, NULL, 0);
  unsigned char* key = malloc(key_size);
  check("getPrivateKey returns the size it reported", AVmAttestationResult_getPrivateKey(result, key, key_size) == key_size);
  unsigned char first[4] = {0xaa, 0xaa, 0xaa, 0xaa};
  AVmAttestationResult_getPrivateKey(result, first, 2);
  check("a short key buffer gets a truncated copy", first[0] == key[0] && first[1] == key[1] && first[2] == 0xaa);
  snprintf(label, sizeof label, "%s-key", prefix);
  print_hex(label, key, key_size);
  size_t count = AVmAttestationResult_getCertificateCount(result);
  printf("%s-count %zu\n", prefix, count);
  for (size_t i = 0; i < count; i++) {
    size_t size = AVmAttestationResult_getCertificateAt(result, i, NULL, 0);
    unsigned char* cert = malloc(size);
    check("getCertificateAt returns the size it reported", AVmAttestationResult_getCertificateAt(result, i, cert, size) == size);
    snprintf(label, sizeof label, "%s-cert%zu", prefix, i);
    print_hex(label, cert, size);
    free(cert);
  }
  const char* message = "message signed by the attested key";
  unsigned char signature[80];
  size_t needed = AVmAttestationResult_sign(result, message, strlen(message), NULL, 0);
  check("a signature size query answers 70 to 72 bytes", needed >= 70 && needed <= 72);
  size_t sig_size = AVmAttestationResult_sign(result, message, strlen(message), signature, sizeof signature);
  snprintf(label, sizeof label, "%s-signature", prefix);
  print_hex(label, signature, sig_size);
  free(key);
}

static void attestation(void) {
  const char* challenge = "mdemu attestation challenge: 0123456789abcdef";
  unsigned char too_long[65] = {0};
  AVmAttestationResult* result = NULL;
  printf("status-invalid %d\n", AVmPayload_requestAttestation(too_long, sizeof too_long, &result));
  printf("status-invalid-testing %d\n", AVmPayload_requestAttestationForTesting(too_long, sizeof too_long, &result));
  AVmAttestationStatus status = AVmPayload_requestAttestation(challenge, strlen(challenge), &result);
  printf("status %d\n", status);
  if (status == ATTESTATION_OK) {
    dump_result("attest", result);
    AVmAttestationResult_free(result);
  }
  result = NULL;
  status = AVmPayload_requestAttestationForTesting(challenge, 8, &result);
  printf("status-testing %d\n", status);
  if (status == ATTESTATION_OK) {
    dump_result("testing", result);
    AVmAttestationResult_free(result);
  }
  AVmAttestationResult_free(NULL);
  int codes[] = {ATTESTATION_OK, ATTESTATION_ERROR_INVALID_CHALLENGE, ATTESTATION_ERROR_ATTESTATION_FAILED,
                 ATTESTATION_ERROR_UNSUPPORTED};
  for (int i = 0; i < 4; i++) printf("text %d %s\n", codes[i], AVmAttestationStatus_toString(codes[i]));
}

static void dice(void) {
  size_t size = AVmPayload_getDiceAttestationChain(NULL, 0);
  unsigned char* chain = malloc(size);
  check("the chain fills the size it reported", AVmPayload_getDiceAttestationChain(chain, size) == size);
  unsigned char head[8];
  memset(head, 0x5a, sizeof head);
  check("a short buffer still returns the full size", AVmPayload_getDiceAttestationChain(head, 3) == size);
  check("a short buffer gets the first bytes only", memcmp(head, chain, 3) == 0 && head[3] == 0x5a);
  print_hex("chain", chain, size);
  unsigned char cdi[64];
  size_t cdi_size = AVmPayload_getDiceAttestationCdi(cdi, sizeof cdi);
  check("the attestation CDI is 32 bytes", cdi_size == 32 && AVmPayload_getDiceAttestationCdi(NULL, 0) == 32);
  print_hex("cdi", cdi, cdi_size);
  free(chain);
}

int AVmPayload_main(void) {
  secrets();
  attestation();
  printf("before-dice failures=%d\n", failures);
  fflush(stdout);
  dice();
  printf("dice failures=%d\n", failures);
  return failures;
}
