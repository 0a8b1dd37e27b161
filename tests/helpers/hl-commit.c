/* hl-commit [-a] JOURNAL - moves JOURNAL's commit record to its whole
 * length, as the writer does at the end of a batch: for tests that build
 * the journal as a writer in the middle of its write leaves it, then let
 * that write finish. -a: announces what lies past the committed length as
 * a batch being written instead (a writer killed then leaves this). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/committed.h"

int main(int argc, char **argv)
{
	struct hl_buf path = {0}, err = {0};
	struct hl_committed rec = {0};
	struct stat st;
	int64_t len;
	int announce = argc == 3 && !strcmp(argv[1], "-a");
	if (argc != 2 && !announce) {
		fprintf(stderr, "usage: hl-commit [-a] JOURNAL\n");
		return 2;
	}
	argv += announce;
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0 || hl_committed_read(argv[1], fd, &len, &rec, &err) < 0) {
		perror(argv[1]);
		return 2;
	}
	hl_committed_path(argv[1], &path);
	int cfd = open(path.s, O_RDWR | O_CREAT, 0600);
	rec.seq++;
	rec.len = announce ? len : st.st_size;
	rec.pending = announce ? st.st_size : 0;
	rec.ino = (uint64_t)st.st_ino;
	if (cfd < 0 || hl_committed_write(cfd, fd, &rec, 1) < 0) {
		perror(path.s);
		return 2;
	}
	return 0;
}
