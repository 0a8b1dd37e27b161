/* hl-freeze JOURNAL CMD [ARG ...] - runs CMD and stops it (SIGSTOP) the
 * moment JOURNAL grows past its size at the start: a writer caught in the
 * middle of its write, for tests to read the journal then and kill it.
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
	off_t start = size_of(argv[1]);
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
	for (;;) {
		/* a tight loop on purpose: the write lasts microseconds */
		off_t now = size_of(argv[1]);
		if (now > start) {
			kill(pid, SIGSTOP);
			printf("%ld %lld\n", (long)pid, (long long)size_of(argv[1]));
			return 0;
		}
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 1;
	}
}
