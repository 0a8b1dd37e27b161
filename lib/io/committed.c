/* committed.c - the commit record beside a journal (JOURNAL.commit): two
 * slots of 128 bytes, written in turn, so that a slot torn by a crash or
 * read while it is being written leaves the other, older one */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/committed.h"

#define SLOT 128
#define TAIL 64
#define MAGIC "hl-commit 1 "

void hl_committed_path(const char *journal, struct hl_buf *out)
{
	hl_buf_clear(out);
	hl_buf_printf(out, "%s.commit", journal);
}

int hl_committed_tail(int fd, int64_t len, uint64_t *out)
{
	char buf[TAIL];
	int64_t from = len > TAIL ? len - TAIL : 0;
	size_t n = (size_t)(len - from);
	ssize_t got;
	do
		got = pread(fd, buf, n, (off_t)from);
	while (got < 0 && errno == EINTR);
	if (got != (ssize_t)n) {
		if (got >= 0)
			errno = EIO;
		return -1;
	}
	*out = hl_sum64(buf, n);
	return 0;
}

/* "hl-commit 1 SEQ LEN PENDING INO TAIL SUM", spaces, a newline: 128
 * bytes. */
static void format_slot(const struct hl_committed *c, char slot[SLOT])
{
	char body[2 * SLOT];
	/* at most 12 + 4 * 20 + 16 + 4 bytes, and 17 for the sum: fits */
	int n = snprintf(body, SLOT, MAGIC "%" PRIu64 " %" PRId64 " %" PRId64 " %" PRIu64 " %016" PRIx64,
			 c->seq, c->len, c->pending, c->ino, c->tail);
	n += snprintf(body + n, sizeof body - (size_t)n, " %016" PRIx64, hl_sum64(body, (size_t)n));
	memset(slot, ' ', SLOT);
	memcpy(slot, body, (size_t)n);
	slot[SLOT - 1] = '\n';
}

/* 1 when the slot is whole (its checksum right), with its fields in c. */
static int parse_slot(const char *slot, struct hl_committed *c)
{
	char text[SLOT];
	uint64_t sum;
	int body = 0;
	memcpy(text, slot, SLOT);
	if (text[SLOT - 1] != '\n' || memcmp(text, MAGIC, strlen(MAGIC)))
		return 0;
	text[SLOT - 1] = '\0';
	if (sscanf(text, MAGIC "%" SCNu64 " %" SCNd64 " %" SCNd64 " %" SCNu64 " %16" SCNx64 "%n %16" SCNx64,
		   &c->seq, &c->len, &c->pending, &c->ino, &c->tail, &body, &sum) != 6 || body <= 0)
		return 0;
	return sum == hl_sum64(text, (size_t)body) && c->len >= 0 && c->pending >= 0;
}

/* Where the journal's last line break ends: what a reader of a journal
 * without a commit record may read (a last line without one may be a
 * write in progress). */
int hl_committed_last_break(int fd, int64_t size, int64_t *len)
{
	char buf[65536];
	int64_t end = size;
	while (end > 0) {
		int64_t from = end > (int64_t)sizeof buf ? end - (int64_t)sizeof buf : 0;
		ssize_t got = pread(fd, buf, (size_t)(end - from), (off_t)from);
		if (got < 0 && errno == EINTR)
			continue;
		if (got != end - from) {
			if (got >= 0)
				errno = EIO;
			return -1;
		}
		char *nl = memrchr(buf, '\n', (size_t)got);
		if (nl) {
			*len = from + (nl - buf) + 1;
			return 0;
		}
		end = from;
	}
	*len = 0;
	return 0;
}

/* Both slots; 1 when one is whole (the newer in *c), 0 when none is,
 * -1 on error. A slot being written as it is read fails its checksum:
 * the other is the last commit but one, still a commit. */
static int read_slots(int cfd, struct hl_committed *c)
{
	char buf[2 * SLOT];
	for (int tries = 0;; tries++) {
		ssize_t got = pread(cfd, buf, sizeof buf, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		struct hl_committed s[2];
		int ok0 = got >= SLOT && parse_slot(buf, &s[0]);
		int ok1 = got >= 2 * SLOT && parse_slot(buf + SLOT, &s[1]);
		if (ok0 || ok1) {
			*c = ok0 && (!ok1 || s[0].seq > s[1].seq) ? s[0] : s[1];
			return 1;
		}
		/* none whole: two writers' slots torn under one read, or a
		 * record damaged for good; a few more looks tell them apart */
		if (got == 0 || tries == 20)
			return 0;
		struct timespec pause = {0, 1000 * 1000};
		nanosleep(&pause, NULL);
	}
}

int hl_committed_read(const char *journal, int fd, int64_t *len, struct hl_committed *rec,
		      struct hl_buf *err)
{
	struct hl_buf path = {0};
	struct hl_committed c;
	struct stat st;
	uint64_t tail;
	int found = 0;
	hl_committed_path(journal, &path);
	int cfd = open(path.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (cfd < 0 && errno != ENOENT) {
		hl_fail(err, "%s: %s", path.s, strerror(errno));
		hl_buf_free(&path);
		return -1;
	}
	if (cfd >= 0) {
		found = read_slots(cfd, &c);
		close(cfd);
	}
	/* the journal's size after the record: a writer makes its batch
	 * durable before it moves the record past it */
	if (found < 0 || fstat(fd, &st) < 0) {
		hl_fail(err, "%s: %s", found < 0 ? path.s : journal, strerror(errno));
		hl_buf_free(&path);
		return -1;
	}
	hl_buf_free(&path);
	if (found && c.ino == (uint64_t)st.st_ino && c.len <= st.st_size &&
	    hl_committed_tail(fd, c.len, &tail) == 0 && tail == c.tail) {
		*len = c.len;
		if (rec)
			*rec = c;
		return 1;
	}
	if (hl_committed_last_break(fd, st.st_size, len) < 0)
		return hl_fail(err, "%s: %s", journal, strerror(errno));
	return 0;
}

int hl_committed_write(int cfd, int fd, struct hl_committed *rec, int sync)
{
	char slot[SLOT];
	if (hl_committed_tail(fd, rec->len, &rec->tail) < 0)
		return -1;
	format_slot(rec, slot);
	ssize_t w;
	do
		w = pwrite(cfd, slot, SLOT, (off_t)(rec->seq % 2) * SLOT);
	while (w < 0 && errno == EINTR);
	if (w != SLOT) {
		if (w >= 0)
			errno = ENOSPC;
		return -1;
	}
	return sync ? fdatasync(cfd) : 0;
}
