/* fault.so - a preloaded library that makes the Nth call of a system call
 * fail with EIO, as a dying disk or a filesystem shut down does:
 * HL_FAULT="fsync:1" fails the first fsync(2); several, comma-separated.
 * Calls: fsync, fdatasync, writev (fails after writing half the first
 * buffer: the bytes are there, the call failed). */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* 1 when this is the call of name that HL_FAULT says fails. */
static int failing(const char *name, int *count)
{
	const char *spec = getenv("HL_FAULT");
	size_t n = strlen(name);
	++*count;
	for (const char *p = spec; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ':' && atoi(p + n + 1) == *count)
			return 1;
	return 0;
}

int fsync(int fd)
{
	static int count;
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (failing("fsync", &count)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int fdatasync(int fd)
{
	static int count;
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	if (failing("fdatasync", &count)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	static int count;
	ssize_t (*real)(int, const struct iovec *, int) =
		(ssize_t (*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
	if (n > 0 && failing("writev", &count)) {
		struct iovec half = {iov[0].iov_base, iov[0].iov_len / 2};
		if (real(fd, &half, 1) < 0)
			return -1;
		errno = EIO;
		return -1;
	}
	return real(fd, iov, n);
}
