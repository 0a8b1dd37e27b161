/* hl-freeze JOURNAL CMD [ARG ...] - runs CMD and stops it (SIGSTOP) the
 * moment JOURNAL grows while CMD holds its lock: a writer caught in the
 * middle of its write (other writers may grow it meanwhile), for tests to
 * read the journal then and kill it.
 * Prints "PID SIZE" (the journal's size when stopped) and exits 0; exits
 * 1 when CMD ended before the journal grew, 2 on error. CMD's standard
 * output is /dev/null: the stopped CMD must not hold the caller's pipe. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Whether pid holds a flock(2) lock (/proc/locks: "1: FLOCK ADVISORY
 * WRITE PID ..."). */
static int holds_lock(pid_t pid)
{
	FILE *fp = fopen("/proc/locks", "r");
	char line[256];
	int found = 0;
	long p;
	while (fp && !found && fgets(line, sizeof line, fp))
		found = sscanf(line, "%*s FLOCK %*s %*s %ld", &p) == 1 && p == (long)pid;
	if (fp)
		fclose(fp);
	return found;
}

static off_t size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hl-freeze JOURNAL CMD [ARG ...]\n");
		return 2;
	}
	int started[2];
	if (pipe2(started, O_CLOEXEC) < 0) {
		perror("hl-freeze: pipe");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("hl-freeze: fork");
		return 2;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 1) < 0) {
			perror("hl-freeze: /dev/null");
			_exit(127);
		}
		execvp(argv[2], argv + 2);
		perror("hl-freeze: exec");
		_exit(127);
	}
	/* the pipe closes at the exec: only CMD's writes count */
	close(started[1]);
	char c;
	while (read(started[0], &c, 1) < 0 && errno == EINTR)
		;
	off_t last = size_of(argv[1]);
	for (;;) {
		/* a tight loop on purpose: the write lasts microseconds */
		off_t now = size_of(argv[1]);
		if (now != last && holds_lock(pid)) {
			kill(pid, SIGSTOP);
			printf("%ld %lld\n", (long)pid, (long long)size_of(argv[1]));
			return 0;
		}
		last = now;
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 1;
	}
}
