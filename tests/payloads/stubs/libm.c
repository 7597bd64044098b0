void sin(void) {} void cos(void) {} void sqrt(void) {} void pow(void) {}
