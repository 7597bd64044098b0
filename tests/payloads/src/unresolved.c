/* Imports two functions the guest's libc does not have: linking must fail naming both. */
int mdemu_missing_one(void);
int mdemu_missing_two(void);

int AVmPayload_main(void) {
  return mdemu_missing_one() + mdemu_missing_two();
}
