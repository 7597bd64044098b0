/* Processes as a Microdroid payload sees them (issue 12 part 3): getppid, the wait family on children that exist
   (posix_spawn, popen and system children whose exec of a program fails and exit 127) and on none, exec errors for
   what each path names, SIGCHLD and its auto-reaping settings, and the kernel's task limit. One line per check;
   the exit code is the number of failures. */
#include <errno.h>
#include <fcntl.h>
#include <process.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char* name, int ok, long detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %ld (errno %d)\n", name, detail, errno); failures++; }
}

static int fails_with(long r, int e) { return r == -1 && errno == e; }

static void write_file(const char* path, const void* bytes, size_t n, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, bytes, n);
  close(fd);
  chmod(path, mode);
}

static char* const argv_sh[] = {"sh", "-c", "true", NULL};

static pid_t spawn(const posix_spawn_file_actions_t* actions, const posix_spawnattr_t* attr) {
  pid_t pid = -1;
  int r = posix_spawn(&pid, "/system/bin/sh", actions, attr, argv_sh, environ);
  return r == 0 ? pid : -r;
}

static void no_children(void) {
  int st = 0;
  check("getppid is another process", getppid() > 0 && getppid() != getpid(), getppid());
  check("wait without children ECHILD", fails_with(wait(&st), ECHILD), 0);
  check("waitpid WNOHANG without children ECHILD", fails_with(waitpid(-1, &st, WNOHANG), ECHILD), 0);
  check("waitpid bad options EINVAL", fails_with(waitpid(-1, &st, 0x100), EINVAL), 0);
  siginfo_t si;
  check("waitid without WEXITED EINVAL", fails_with(waitid(P_ALL, 0, &si, WNOHANG), EINVAL), 0);
  check("waitid P_PID 0 EINVAL", fails_with(waitid(P_PID, 0, &si, WEXITED), EINVAL), 0);
}

static void execs(void) {
  static const unsigned char elf_arm64[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 183, 0};
  static const unsigned char elf_x86[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
  write_file("/data/local/tmp/plain", "data", 4, 0644);
  write_file("/data/local/tmp/garbage", "not a program", 13, 0755);
  write_file("/data/local/tmp/script", "#!/system/bin/sh\necho hi\n", 25, 0755);
  write_file("/data/local/tmp/arm64", elf_arm64, sizeof elf_arm64, 0755);
  write_file("/data/local/tmp/x86", elf_x86, sizeof elf_x86, 0755);
  check("execve missing ENOENT", fails_with(execve("/no/such/program", argv_sh, environ), ENOENT), 0);
  check("execv through a file ENOTDIR", fails_with(execv("/data/local/tmp/plain/x", argv_sh), ENOTDIR), 0);
  check("execv directory EACCES", fails_with(execv("/data/local/tmp", argv_sh), EACCES), 0);
  check("execv no exec bit EACCES", fails_with(execv("/data/local/tmp/plain", argv_sh), EACCES), 0);
  check("execl unknown format ENOEXEC", fails_with(execl("/data/local/tmp/garbage", "g", NULL), ENOEXEC), 0);
  check("execve script without its shell ENOENT", fails_with(execve("/data/local/tmp/script", argv_sh, environ), ENOENT), 0);
  check("execve other machine ENOEXEC", fails_with(execve("/data/local/tmp/x86", argv_sh, environ), ENOEXEC), 0);
  check("execve arm64 image EACCES", fails_with(execve("/data/local/tmp/arm64", argv_sh, environ), EACCES), 0);
  check("execve apk library EACCES", fails_with(execve("/mnt/apk/lib/arm64-v8a/libprocess_suite.so", argv_sh, environ), EACCES), 0);
  check("execvp sh ENOENT", fails_with(execvp("sh", argv_sh), ENOENT), 0);
  check("execlp empty ENOENT", fails_with(execlp("", "x", NULL), ENOENT), 0);
  check("execvp unknown format runs the missing shell", fails_with(execvp("/data/local/tmp/garbage", argv_sh), ENOENT), 0);
  int fd = open("/data/local/tmp/garbage", O_RDONLY);
  check("fexecve ENOEXEC", fails_with(fexecve(fd, argv_sh, environ), ENOEXEC), 0);
  close(fd);
  check("fexecve closed fd EBADF", fails_with(fexecve(fd, argv_sh, environ), EBADF), 0);
}

static void spawns(void) {
  int st = -1;
  pid_t pid = spawn(NULL, NULL);
  check("posix_spawn gives a pid", pid > 0 && pid != getpid(), pid);
  check("waitpid reaps it", waitpid(pid, &st, 0) == pid, st);
  check("child exited 127", WIFEXITED(st) && WEXITSTATUS(st) == 127 && !WIFSIGNALED(st) && st == 0x7f00, st);
  check("reaped child is gone", fails_with(waitpid(pid, &st, 0), ECHILD), 0);

  pid_t a = spawn(NULL, NULL), b = spawn(NULL, NULL);
  check("pids differ", a > 0 && b > 0 && a != b, b);
  check("WNOHANG finds a zombie", waitpid(-1, &st, WNOHANG) == a, st);
  char usage[144];
  memset(usage, 0xff, sizeof usage);
  check("wait4 with rusage", wait4(b, &st, 0, (struct rusage*)usage) == b && usage[0] == 0 && WEXITSTATUS(st) == 127, st);

  siginfo_t si;
  pid = spawn(NULL, NULL);
  memset(&si, 0, sizeof si);
  check("waitid WNOWAIT", waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && si.si_signo == SIGCHLD
        && si.si_code == CLD_EXITED && si.si_pid == pid && *(int*)((char*)&si + 24) == 127, si.si_pid);
  check("still waitable after WNOWAIT", wait(&st) == pid, st);
  memset(&si, 0xff, sizeof si);
  check("waitid WNOHANG with none ECHILD", fails_with(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD), 0);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  short flags = 0;
  check("setflags rejects unknown", posix_spawnattr_setflags(&attr, 0x100) == EINVAL, 0);
  sigset_t mask = 1UL << (SIGUSR1 - 1), got = 0;
  posix_spawnattr_setsigmask(&attr, &mask);
  posix_spawnattr_getsigmask(&attr, &got);
  check("sigmask round trip", got == mask, (long)got);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t group = -1;
  posix_spawnattr_getflags(&attr, &flags);
  posix_spawnattr_getpgroup(&attr, &group);
  check("flags and pgroup round trip", flags == (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK) && group == 0, flags);
  pid = spawn(NULL, &attr);
  check("own group child is not in ours", fails_with(waitpid(0, &st, WNOHANG), ECHILD), 0);
  check("waitpid by its group", waitpid(-pid, &st, 0) == pid && WEXITSTATUS(st) == 127, st);
  posix_spawnattr_destroy(&attr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  check("addopen bad fd EBADF", posix_spawn_file_actions_addopen(&actions, -1, "/x", O_RDONLY, 0) == EBADF, 0);
  unlink("/data/local/tmp/spawned.txt");
  posix_spawn_file_actions_addopen(&actions, 1, "/data/local/tmp/spawned.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addclose(&actions, 0);
  int probe = open("/dev/null", O_RDONLY);
  close(probe);
  pid = spawn(&actions, NULL);
  struct stat sb;
  check("child's addopen created the file", stat("/data/local/tmp/spawned.txt", &sb) == 0 && (sb.st_mode & 0777) == 0600, 0);
  int again = open("/dev/null", O_RDONLY);
  check("parent's descriptors untouched", again == probe && write(1, "", 0) == 0, again);
  close(again);
  check("file-action child exits 127", waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 127, st);
  posix_spawn_file_actions_destroy(&actions);
  pid = -1;
  check("posix_spawnp", posix_spawnp(&pid, "sh", NULL, NULL, argv_sh, environ) == 0 && waitpid(pid, &st, 0) == pid
        && WEXITSTATUS(st) == 127, st);
}

static volatile int chld_count;
static volatile int chld_pid;
static void on_chld(int sig, siginfo_t* info, void* ctx) {
  (void)sig; (void)ctx;
  chld_count++;
  chld_pid = info->si_pid;
}

static void sigchld(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGCHLD, &sa, &old);
  chld_count = 0;
  int st;
  pid_t pid = spawn(NULL, NULL);
  check("SIGCHLD handled before posix_spawn returns", chld_count == 1, chld_count);
  waitpid(pid, &st, 0);
  chld_count = 0;
  st = system("echo hi");
  check("system runs the missing shell: 127", WIFEXITED(st) && WEXITSTATUS(st) == 127, st);
  check("SIGCHLD from system delivered once unblocked", chld_count == 1, chld_count);
  check("system(NULL) is 1 as bionic", system(NULL) == 1, 0);

  sa.sa_flags = SA_SIGINFO | 2 /* SA_NOCLDWAIT */;
  sigaction(SIGCHLD, &sa, NULL);
  chld_count = 0;
  pid = spawn(NULL, NULL);
  check("SA_NOCLDWAIT still signals", chld_count == 1, chld_count);
  check("SA_NOCLDWAIT reaps", fails_with(waitpid(pid, &st, 0), ECHILD), 0);

  sa.sa_handler = SIG_IGN;
  sa.sa_flags = 0;
  sigaction(SIGCHLD, &sa, NULL);
  pid = spawn(NULL, NULL);
  check("SIGCHLD ignored reaps", fails_with(waitpid(pid, &st, 0), ECHILD), 0);
  check("system with SIGCHLD ignored fails ECHILD", fails_with(system("true"), ECHILD), 0);
  sigaction(SIGCHLD, &old, NULL);
}

static void popens(void) {
  char line[32];
  FILE* r = popen("echo hi", "r");
  check("popen r", r != NULL, 0);
  check("popen r reads end of file", r && fgets(line, sizeof line, r) == NULL && feof(r), 0);
  int st = r ? pclose(r) : -1;
  check("pclose gives 127", WIFEXITED(st) && WEXITSTATUS(st) == 127, st);
  signal(SIGPIPE, SIG_IGN);
  FILE* w = popen("cat", "w");
  check("popen w", w != NULL, 0);
  errno = 0;
  int wrote = w ? fputs("lost\n", w) : -1;
  int flushed = w ? fflush(w) : -1;
  check("popen w writes EPIPE", (wrote == EOF || flushed == EOF) && errno == EPIPE, errno);
  st = w ? pclose(w) : -1;
  check("pclose w gives 127", WEXITSTATUS(st) == 127, st);
  signal(SIGPIPE, SIG_DFL);
  FILE* both = popen("cat", "r+");
  check("popen r+", both != NULL, 0);
  st = both ? fclose(both) : -1;
  check("fclose of popen stream waits too", WEXITSTATUS(st) == 127, st);
  int master = -1;
  check("forkpty without ptys", forkpty(&master, NULL, NULL, NULL) == -1, master);
}

static void task_limit(void) {
  int made = 0, err = 0;
  for (int i = 0; i < 100000; i++) {
    pid_t pid = spawn(NULL, NULL);
    if (pid <= 0) { err = -pid; break; }
    made++;
  }
  check("zombies hit the task limit with EAGAIN", err == EAGAIN && made >= 20, made);
  int reaped = 0, st;
  while (wait(&st) > 0) reaped++;
  check("every zombie reaped", reaped == made && errno == ECHILD, reaped);
  check("spawning works again", spawn(NULL, NULL) > 0 && wait(&st) > 0, 0);
  printf("task limit %d\n", made);
}

int AVmPayload_main(void) {
  no_children();
  execs();
  spawns();
  sigchld();
  popens();
  task_limit();
  printf("process_suite failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
