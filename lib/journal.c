/* journal.c - locked, atomic, durable appends and ticket ids */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "hl/event.h"
#include "hl/format.h"
#include "hl/journal.h"

/* Closes a torn last line so it can never be glued to the next record;
 * readers recognize and skip a line that ends with it. */
static const char torn_close[] = "\x18\n";

static int lock_fd(int fd, int wait_seconds)
{
	struct timespec pause = {0, 20 * 1000 * 1000};
	long tries = wait_seconds < 0 ? -1 : (long)wait_seconds * 50;
	for (;;) {
		if (flock(fd, LOCK_EX | (wait_seconds < 0 ? 0 : LOCK_NB)) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK || tries-- == 0)
			return -1;
		nanosleep(&pause, NULL);
	}
}

/* The first line, if the file has a complete one. */
static int read_header(struct hl_journal *j, struct hl_buf *line, struct hl_buf *err)
{
	char chunk[4096];
	off_t at = 0;
	for (;;) {
		ssize_t n = pread(j->fd, chunk, sizeof chunk, at);
		if (n < 0)
			return hl_fail(err, "%s: %s", j->path, strerror(errno));
		if (n == 0)
			return 0;
		char *nl = memchr(chunk, '\n', (size_t)n);
		hl_buf_add(line, chunk, nl ? (size_t)(nl - chunk + 1) : (size_t)n);
		if (nl)
			return 1;
		at += n;
		if (line->len > 1 << 20)
			return hl_fail(err, "%s:1: header line too long", j->path);
	}
}

static void set_default_columns(struct hl_journal *j)
{
	j->ncols = hl_ncolumns;
	j->cols = hl_xcalloc(j->ncols, sizeof *j->cols);
	for (size_t i = 0; i < j->ncols; i++)
		j->cols[i] = hl_xstrdup(hl_columns[i]);
}

/* Splits a header line; names are plain (the writer never quotes them). */
static int parse_header(struct hl_journal *j, const char *line, struct hl_buf *err)
{
	const char *p = line;
	if (!strncmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (*p && *p != '\n' && *p != '\r') {
		size_t n = strcspn(p, ",\r\n");
		j->cols = hl_xreallocarray(j->cols, j->ncols + 1, sizeof *j->cols);
		j->cols[j->ncols++] = hl_xstrndup(p, n);
		p += n;
		if (*p == ',')
			p++;
	}
	static const char *const need[] = {"time", "ticket", "event"};
	for (size_t i = 0; i < 3; i++)
		if (!hl_journal_has_column(j, need[i]))
			return hl_fail(err, "%s:1: not an hl journal (no '%s' column in the header)",
				       j->path, need[i]);
	return 0;
}

/* The torn line's text: its ticket id was given to a writer that died
 * before it could report it, and must not be given again. */
static int read_tail(struct hl_journal *j, struct hl_buf *err)
{
	off_t from = j->size > 65536 ? j->size - 65536 : 0;
	size_t n = (size_t)(j->size - from);
	char *buf = hl_xmalloc(n + 1);
	if (pread(j->fd, buf, n, from) != (ssize_t)n) {
		free(buf);
		return hl_fail(err, "%s: %s", j->path, strerror(errno));
	}
	buf[n] = '\0';
	char *nl = memrchr(buf, '\n', n);
	j->tail = hl_xstrdup(nl ? nl + 1 : buf);
	free(buf);
	return 0;
}

static int inspect(struct hl_journal *j, struct hl_buf *err)
{
	struct stat st;
	struct hl_buf line = {0};
	if (fstat(j->fd, &st) < 0)
		return hl_fail(err, "%s: %s", j->path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return hl_fail(err, "%s: not a regular file", j->path);
	j->size = st.st_size;
	int have = j->size ? read_header(j, &line, err) : 0;
	if (have < 0) {
		hl_buf_free(&line);
		return -1;
	}
	if (!have) {
		/* empty, or a header torn before its newline: no record can be in
		 * it, so starting over loses nothing */
		if (j->size && ftruncate(j->fd, 0) < 0) {
			hl_buf_free(&line);
			return hl_fail(err, "%s: %s", j->path, strerror(errno));
		}
		j->size = 0;
		j->is_new = 1;
		set_default_columns(j);
		hl_buf_free(&line);
		return 0;
	}
	int rc = parse_header(j, line.s, err);
	hl_buf_free(&line);
	if (rc)
		return -1;
	char last;
	if (pread(j->fd, &last, 1, j->size - 1) != 1)
		return hl_fail(err, "%s: %s", j->path, strerror(errno));
	j->torn_tail = last != '\n';
	return j->torn_tail ? read_tail(j, err) : 0;
}

/* Opens the journal, creating it (and remembering that) when absent. */
static int open_journal(struct hl_journal *j)
{
	for (;;) {
		j->fd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (j->fd >= 0 || errno != ENOENT)
			return j->fd;
		j->fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (j->fd >= 0) {
			j->created = 1;
			return j->fd;
		}
		if (errno != EEXIST)
			return -1;
	}
}

/* Whether the locked descriptor is still the file at the path: a writer
 * that waited may find it removed (an abandoned new journal) or rotated. */
static int still_there(const struct hl_journal *j)
{
	struct stat a, b;
	return fstat(j->fd, &a) == 0 && stat(j->path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

int hl_journal_lock(struct hl_journal *j, const char *path, int wait_seconds,
		    struct hl_buf *err)
{
	memset(j, 0, sizeof *j);
	j->path = hl_xstrdup(path);
	for (;;) {
		j->created = 0;
		if (open_journal(j) < 0) {
			hl_fail(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (lock_fd(j->fd, wait_seconds) < 0) {
			if (errno == EWOULDBLOCK)
				hl_fail(err, "%s: locked by another writer; gave up after %d s",
					path, wait_seconds);
			else
				hl_fail(err, "%s: cannot lock: %s", path, strerror(errno));
			goto fail;
		}
		if (still_there(j))
			break;
		close(j->fd);
	}
	if (inspect(j, err) == 0)
		return 0;
fail:
	hl_journal_close(j);
	return -1;
}

void hl_journal_abandon(struct hl_journal *j)
{
	/* a journal this writer created and never wrote to: as if never made */
	if (j->fd >= 0 && j->created && j->is_new && j->size == 0)
		unlink(j->path);
	hl_journal_close(j);
}

/* All of iov (empty ones skipped); on a short write, the rest. */
static int writev_all(int fd, struct iovec *iov, int n)
{
	for (; n > 0 && iov->iov_len == 0; iov++, n--)
		;
	while (n > 0) {
		ssize_t w = writev(fd, iov, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		for (; n > 0 && (size_t)w >= iov->iov_len; iov++, n--)
			w -= (ssize_t)iov->iov_len;
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

int hl_journal_append(struct hl_journal *j, const char *data, size_t len,
		      struct hl_buf *err)
{
	/* what goes before the batch, written with it in one call (the
	 * batch itself is not copied: it may be hundreds of megabytes) */
	struct hl_buf head = {0};
	if (j->torn_tail)
		hl_buf_add(&head, torn_close, sizeof torn_close - 1);
	if (j->is_new)
		hl_csv_put_header(&head, (const char *const *)j->cols, j->ncols);
	struct iovec iov[2] = {{head.s, head.len}, {(void *)data, len}};
	size_t total = head.len + len;
	/* a full disk or a file size limit must give an error, not a signal */
	void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
	int rc = writev_all(j->fd, iov, 2);
	if (rc == 0 && fsync(j->fd) < 0)
		rc = -1;
	int saved = errno;
	signal(SIGXFSZ, old);
	hl_buf_free(&head);
	if (rc < 0) {
		/* leave the journal byte for byte as it was */
		if (ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return hl_fail(err, "%s: write failed, nothing written: %s", j->path,
			       strerror(saved));
	}
	j->size += (off_t)total;
	j->torn_tail = 0;
	j->is_new = 0;
	return 0;
}

void hl_journal_close(struct hl_journal *j)
{
	if (j->fd >= 0)
		close(j->fd); /* also releases the lock */
	for (size_t i = 0; i < j->ncols; i++)
		free(j->cols[i]);
	free(j->cols);
	free(j->tail);
	free(j->path);
	memset(j, 0, sizeof *j);
	j->fd = -1;
}

int hl_journal_has_column(const struct hl_journal *j, const char *name)
{
	for (size_t i = 0; i < j->ncols; i++)
		if (hl_streq(j->cols[i], name))
			return 1;
	return 0;
}

void hl_journal_add_column(struct hl_journal *j, const char *name)
{
	if (hl_journal_has_column(j, name))
		return;
	j->cols = hl_xreallocarray(j->cols, j->ncols + 1, sizeof *j->cols);
	j->cols[j->ncols++] = hl_xstrdup(name);
}

/* ---- ticket ids ---- */

void hl_ids_see(struct hl_ids *ids, const char *id)
{
	size_t plen = strlen(ids->prefix);
	if (strncmp(id, ids->prefix, plen) || id[plen] != '-')
		return;
	const char *p = id + plen + 1;
	int64_t day = 0;
	long seq = 0;
	for (int i = 0; i < 8; i++, p++) {
		if (*p < '0' || *p > '9')
			return;
		day = day * 10 + (*p - '0');
	}
	if (*p++ != '-' || !*p)
		return;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || seq > 100000000)
			return;
		seq = seq * 10 + (*p - '0');
	}
	if (day > ids->max_day || (day == ids->max_day && seq > ids->max_seq)) {
		ids->max_day = day;
		ids->max_seq = seq;
	}
}

void hl_ids_next(struct hl_ids *ids, int y, int m, int d, struct hl_buf *out)
{
	int64_t day = (int64_t)y * 10000 + m * 100 + d;
	/* a clock set back must not reuse an id: keep counting on the latest day */
	if (day <= ids->max_day) {
		day = ids->max_day;
		ids->max_seq++;
	} else {
		ids->max_day = day;
		ids->max_seq = 1;
	}
	/* by hand, not printf: an append of many opens makes one each */
	hl_buf_adds(out, ids->prefix);
	hl_buf_addc(out, '-');
	hl_buf_add_number(out, (unsigned long long)day, 8);
	hl_buf_addc(out, '-');
	hl_buf_add_number(out, (unsigned long long)ids->max_seq, ids->digits);
}
