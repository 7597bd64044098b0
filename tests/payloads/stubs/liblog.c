void __android_log_write(void) {} void __android_log_print(void) {}
