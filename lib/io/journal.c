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

#include "io/committed.h"
#include "hl/event.h"
#include "hl/format.h"
#include "hl/journalfile.h"
#include "io/journal.h"

/* The lock: blocking, so that writers queue in the kernel rather than
 * poll (polling every 20 ms, a writer among 16 waited 7 s at the 99th
 * percentile); an alarm ends the wait. */
static void on_alarm(int sig)
{
	(void)sig;
}

static int lock_fd(int fd, int wait_seconds)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK || wait_seconds == 0)
		return -1;
	struct sigaction sa = {0}, old;
	sa.sa_handler = on_alarm; /* no SA_RESTART: the alarm ends flock() */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	time_t until = time(NULL) + wait_seconds;
	int rc;
	for (;;) {
		time_t left = until - time(NULL);
		if (wait_seconds > 0 && left <= 0) {
			errno = EWOULDBLOCK;
			rc = -1;
			break;
		}
		if (wait_seconds > 0)
			alarm((unsigned)left);
		rc = flock(fd, LOCK_EX);
		int saved = errno;
		alarm(0);
		errno = saved;
		if (rc == 0 || errno != EINTR)
			break;
	}
	int saved = errno;
	sigaction(SIGALRM, &old, NULL);
	errno = saved;
	return rc;
}

/* The first line, if the committed part has a complete one. */
static int read_header(struct hl_journal *j, struct hl_buf *line, struct hl_buf *err)
{
	char chunk[4096];
	off_t at = 0;
	while (at < j->size) {
		size_t want = j->size - at < (off_t)sizeof chunk ? (size_t)(j->size - at) : sizeof chunk;
		ssize_t n = pread(j->fd, chunk, want, at);
		if (n < 0)
			return hl_fail(err, "%s: %s", j->path, strerror(errno));
		if (n == 0)
			break;
		char *nl = memchr(chunk, '\n', (size_t)n);
		hl_buf_add(line, chunk, nl ? (size_t)(nl - chunk + 1) : (size_t)n);
		if (nl)
			return 1;
		at += n;
		if (line->len > 1 << 20)
			return hl_fail(err, "%s:1: header line too long", j->path);
	}
	return 0;
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

/* A file with no complete line may be a header a writer was killed
 * writing (then nothing is lost by starting over), or anything else,
 * which is not ours to overwrite. */
static int header_torn(struct hl_journal *j, struct hl_buf *err)
{
	struct hl_buf want = {0};
	char buf[4096];
	hl_csv_put_header(&want, hl_columns, hl_ncolumns);
	size_t n = j->phys < (off_t)sizeof buf ? (size_t)j->phys : sizeof buf;
	ssize_t got = pread(j->fd, buf, n, 0);
	int ok = got == (ssize_t)n && n < want.len && !memcmp(buf, want.s, n);
	hl_buf_free(&want);
	if (got < 0)
		return hl_fail(err, "%s: %s", j->path, strerror(errno));
	return ok ? 0 : hl_fail(err, "%s:1: not an hl journal (no header line)", j->path);
}

static int inspect(struct hl_journal *j, struct hl_buf *err)
{
	struct stat st;
	struct hl_buf line = {0};
	int64_t committed;
	if (fstat(j->fd, &st) < 0)
		return hl_fail(err, "%s: %s", j->path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return hl_fail(err, "%s: not a regular file", j->path);
	int rc = hl_committed_read(j->path, j->fd, &committed, &j->rec, err);
	if (rc < 0)
		return -1;
	j->have_rec = rc;
	j->phys = st.st_size;
	j->size = committed;
	int have = j->size ? read_header(j, &line, err) : 0;
	if (have < 0) {
		hl_buf_free(&line);
		return -1;
	}
	if (!have) {
		hl_buf_free(&line);
		if (!j->have_rec && j->phys && header_torn(j, err))
			return -1;
		j->size = 0;
		j->is_new = 1;
		set_default_columns(j);
		return 0;
	}
	rc = parse_header(j, line.s, err);
	hl_buf_free(&line);
	if (rc == 0 && st.st_mode & 077)
		hl_warnx("%s: readable or writable by others (mode %04o), with callers' numbers "
			 "and words in it: chmod 600 it", j->path, (unsigned)(st.st_mode & 07777));
	return rc;
}

/* Opens the journal, creating it (and remembering that) when absent: mode
 * 0600 whatever the umask, or hl could not append to what it made. */
static int open_journal(struct hl_journal *j)
{
	for (;;) {
		j->fd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (j->fd >= 0 || errno != ENOENT)
			return j->fd;
		j->fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (j->fd >= 0) {
			j->created = 1;
			if (fchmod(j->fd, 0600) < 0) {
				unlink(j->path);
				close(j->fd);
				return j->fd = -1;
			}
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
	j->cfd = -1;
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
	/* a journal this writer created and never committed to: as if never
	 * made, commit record and all */
	if (j->fd >= 0 && j->created && j->is_new) {
		struct hl_buf path = {0};
		hl_committed_path(j->path, &path);
		unlink(j->path);
		if (j->cfd >= 0)
			unlink(path.s);
		hl_buf_free(&path);
	}
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

/* The bytes after the last commit (a writer stopped mid-batch, or written
 * past hl-log) are kept in JOURNAL.uncommitted before the journal is cut
 * back: nothing is thrown away, and no reader ever took them for records. */
static int set_aside(struct hl_journal *j, struct hl_buf *err)
{
	struct hl_buf path = {0}, head = {0};
	char buf[65536];
	int rc = -1;
	hl_buf_printf(&path, "%s.uncommitted", j->path);
	int fd = open(path.s, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	hl_buf_printf(&head, "# %lld bytes from offset %lld of %s, never committed\n",
		      (long long)(j->phys - j->size), (long long)j->size, j->path);
	struct iovec iov = {head.s, head.len};
	if (writev_all(fd, &iov, 1))
		goto out;
	for (off_t at = j->size; at < j->phys;) {
		size_t want = j->phys - at < (off_t)sizeof buf ? (size_t)(j->phys - at) : sizeof buf;
		ssize_t n = pread(j->fd, buf, want, at);
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto out;
		}
		iov = (struct iovec){buf, (size_t)n};
		if (writev_all(fd, &iov, 1))
			goto out;
		at += n;
	}
	iov = (struct iovec){"\n", 1};
	rc = writev_all(fd, &iov, 1) || fsync(fd) ? -1 : 0;
out:
	if (rc)
		hl_fail(err, "%s: cannot keep the uncommitted tail of %s: %s", path.s, j->path,
			strerror(errno));
	else
		hl_warnx("%s: %lld bytes after the last commit (a writer stopped mid-batch) "
			 "moved to %s", j->path, (long long)(j->phys - j->size), path.s);
	if (fd >= 0)
		close(fd);
	hl_buf_free(&path);
	hl_buf_free(&head);
	return rc;
}

/* Before a batch: what lies after the committed length dealt with, and
 * the commit record open. A writer announces its batch in the record
 * (pending) before it writes it: a tail within what a writer announced is
 * that writer's, dead before its commit, and is set aside; a tail nobody
 * announced was appended by something that does not know the protocol (an
 * older hl-log, a person) and its whole lines are taken in, so that no
 * record written outside hl-log is dropped. */
static int prepare_commit(struct hl_journal *j, struct hl_buf *err)
{
	struct hl_buf path = {0};
	if (j->phys > j->size) {
		int64_t whole = j->size;
		int dead = j->have_rec && j->rec.pending > j->rec.len;
		if (!dead && hl_committed_last_break(j->fd, j->phys, &whole) < 0)
			return hl_fail(err, "%s: %s", j->path, strerror(errno));
		if (whole > j->size) {
			hl_warnx("%s: %lld bytes written after the last commit by something other "
				 "than hl-log (an older hl-log, or by hand) taken into the journal",
				 j->path, (long long)(whole - j->size));
			j->size = whole;
		}
		if (j->phys > j->size) {
			if (set_aside(j, err))
				return -1;
			if (ftruncate(j->fd, j->size) < 0)
				return hl_fail(err, "%s: %s", j->path, strerror(errno));
			j->phys = j->size;
		}
	}
	hl_committed_path(j->path, &path);
	j->cfd = open(path.s, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (j->cfd < 0) {
		hl_fail(err, "%s: %s", path.s, strerror(errno));
		hl_buf_free(&path);
		return -1;
	}
	hl_buf_free(&path);
	if (!j->have_rec) {
		struct stat st;
		if (fstat(j->fd, &st) < 0)
			return hl_fail(err, "%s: %s", j->path, strerror(errno));
		j->rec = (struct hl_committed){.seq = j->rec.seq, .ino = (uint64_t)st.st_ino};
	}
	return 0;
}

/* Writes the record: rec with len and pending, the next seq. */
static int move_record(struct hl_journal *j, struct hl_committed *rec, int64_t len,
		       int64_t pending, int sync)
{
	*rec = j->rec;
	rec->seq++;
	rec->len = len;
	rec->pending = pending;
	return hl_committed_write(j->cfd, j->fd, rec, sync);
}

/* The batch of total bytes is written and synced: the commit (step 5 of
 * the protocol). 0, or 1 when committed but the record's sync failed, or
 * -1 when nothing is committed (the journal cut back). */
static int finish(struct hl_journal *j, off_t total, struct hl_buf *err)
{
	struct hl_committed next;
	if (move_record(j, &next, j->size + total, 0, 1) < 0) {
		int saved = errno;
		/* what readers see now decides: read the record back */
		int64_t now = -1;
		struct hl_buf e = {0};
		int seen = hl_committed_read(j->path, j->fd, &now, NULL, &e);
		hl_buf_free(&e);
		if (seen == 1 && now == next.len) {
			j->rec = next;
			j->size = j->phys = next.len;
			j->is_new = 0;
			j->wrote = j->announced = 0;
			hl_fail(err, "%s.commit: committed, but not known to be on disk: %s",
				j->path, strerror(saved));
			return 1;
		}
		if (ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		j->wrote = j->announced = 0;
		return hl_fail(err, "%s.commit: write failed, nothing committed: %s", j->path,
			       strerror(saved));
	}
	j->rec = next;
	j->size = j->phys = next.len;
	j->is_new = 0;
	j->wrote = j->announced = 0;
	return 0;
}

int hl_journal_append(struct hl_journal *j, const char *data, size_t len,
		      struct hl_buf *err)
{
	/* what goes before the batch, written with it in one call (the
	 * batch itself is not copied) */
	struct hl_buf head = {0};
	struct hl_committed intent;
	if (prepare_commit(j, err))
		return -1;
	if (j->is_new)
		hl_csv_put_header(&head, (const char *const *)j->cols, j->ncols);
	struct iovec iov[2] = {{head.s, head.len}, {(void *)data, len}};
	off_t total = (off_t)(head.len + len);
	/* the announcement: no sync of its own, the batch's fsync below
	 * comes first (a crash of the machine before it leaves no batch) */
	if (move_record(j, &intent, j->size, j->size + total, 0) < 0) {
		hl_buf_free(&head);
		return hl_fail(err, "%s.commit: write failed, nothing committed: %s", j->path,
			       strerror(errno));
	}
	j->rec = intent;
	j->have_rec = 1;
	int rc = writev_all(j->fd, iov, 2);
	if (rc == 0 && fsync(j->fd) < 0)
		rc = -1;
	int saved = errno;
	hl_buf_free(&head);
	if (rc < 0) {
		/* not committed whatever reached the file: the record still
		 * says the old length; cut back so the file says so too */
		if (ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return hl_fail(err, "%s: write failed, nothing committed: %s", j->path,
			       strerror(saved));
	}
	return finish(j, total, err);
}

/* A streamed batch announces this much beyond what it is about to write:
 * a few writes of the record for a gigabyte, and a writer killed between
 * two leaves a tail within what it announced. */
#define ANNOUNCE_AHEAD ((off_t)64 << 20)

int hl_journal_begin(struct hl_journal *j, struct hl_buf *err)
{
	struct hl_buf head = {0};
	j->wrote = j->announced = 0;
	if (prepare_commit(j, err))
		return -1;
	if (!j->is_new)
		return 0;
	hl_csv_put_header(&head, (const char *const *)j->cols, j->ncols);
	int rc = hl_journal_write(j, head.s, head.len, err);
	hl_buf_free(&head);
	return rc;
}

int hl_journal_write(struct hl_journal *j, const char *data, size_t len, struct hl_buf *err)
{
	struct hl_committed intent;
	off_t end = j->size + j->wrote + (off_t)len;
	if (len == 0)
		return 0;
	if (end > j->announced) {
		if (move_record(j, &intent, j->size, end + ANNOUNCE_AHEAD, 0) < 0) {
			int saved = errno;
			hl_journal_rollback(j);
			return hl_fail(err, "%s.commit: write failed, nothing committed: %s",
				       j->path, strerror(saved));
		}
		j->rec = intent;
		j->have_rec = 1;
		j->announced = intent.pending;
	}
	struct iovec iov = {(void *)data, len};
	if (writev_all(j->fd, &iov, 1) < 0) {
		int saved = errno;
		hl_journal_rollback(j);
		return hl_fail(err, "%s: write failed, nothing committed: %s", j->path,
			       strerror(saved));
	}
	j->wrote += (off_t)len;
	return 0;
}

int hl_journal_commit(struct hl_journal *j, struct hl_buf *err)
{
	if (fsync(j->fd) < 0) {
		int saved = errno;
		hl_journal_rollback(j);
		return hl_fail(err, "%s: write failed, nothing committed: %s", j->path,
			       strerror(saved));
	}
	return finish(j, j->wrote, err);
}

void hl_journal_rollback(struct hl_journal *j)
{
	struct hl_committed back;
	/* anything written was announced first (a failed write may have
	 * left part of its piece) */
	if (!j->announced)
		return;
	if (ftruncate(j->fd, j->size) == 0)
		fsync(j->fd);
	/* nothing pending any more: a tail written later by something that
	 * does not know the protocol is then taken in, not set aside */
	if (move_record(j, &back, j->size, 0, 0) == 0)
		j->rec = back;
	j->wrote = j->announced = 0;
}

void hl_journal_close(struct hl_journal *j)
{
	if (j->cfd >= 0)
		close(j->cfd);
	if (j->fd >= 0)
		close(j->fd); /* also releases the lock */
	for (size_t i = 0; i < j->ncols; i++)
		free(j->cols[i]);
	free(j->cols);
	free(j->path);
	memset(j, 0, sizeof *j);
	j->fd = j->cfd = -1;
}

int hl_journal_create(const char *path, int wait_seconds, struct hl_buf *err)
{
	struct hl_journal j;
	if (hl_journal_lock(&j, path, wait_seconds, err))
		return -1;
	if (!j.is_new || !j.created) {
		hl_journal_close(&j);
		hl_fail(err, "%s: the journal exists already", path);
		return 1;
	}
	int rc = hl_journal_append(&j, "", 0, err);
	if (rc < 0)
		hl_journal_abandon(&j);
	else
		hl_journal_close(&j);
	return rc < 0 ? -1 : rc ? 2 : 0;
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

/* Where day is, or would go, in the days (in order; the last one is the
 * common case: ids come a day after another). */
static size_t day_at(const struct hl_ids *ids, int64_t day)
{
	size_t lo = 0, hi = ids->ndays;
	if (hi && ids->days[hi - 1].day <= day)
		return ids->days[hi - 1].day == day ? hi - 1 : hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void hl_ids_see_day(struct hl_ids *ids, int64_t day, long seq)
{
	size_t i = day_at(ids, day);
	if (i < ids->ndays && ids->days[i].day == day) {
		if (seq > ids->days[i].seq)
			ids->days[i].seq = seq;
		return;
	}
	if (ids->ndays == ids->cap) {
		ids->cap = ids->cap ? 2 * ids->cap : 64;
		ids->days = hl_xreallocarray(ids->days, ids->cap, sizeof *ids->days);
	}
	memmove(ids->days + i + 1, ids->days + i, (ids->ndays - i) * sizeof *ids->days);
	ids->days[i] = (struct hl_id_day){day, seq};
	ids->ndays++;
}

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
	hl_ids_see_day(ids, day, seq);
}

void hl_ids_next(struct hl_ids *ids, int y, int m, int d, struct hl_buf *out)
{
	int64_t day = (int64_t)y * 10000 + m * 100 + d;
	size_t i = day_at(ids, day);
	long seq = i < ids->ndays && ids->days[i].day == day ? ids->days[i].seq + 1 : 1;
	hl_ids_see_day(ids, day, seq);
	/* by hand, not printf: an append of many opens makes one each */
	hl_buf_adds(out, ids->prefix);
	hl_buf_addc(out, '-');
	hl_buf_add_number(out, (unsigned long long)day, 8);
	hl_buf_addc(out, '-');
	hl_buf_add_number(out, (unsigned long long)seq, ids->digits);
}

void hl_ids_copy(struct hl_ids *ids, const struct hl_ids *from)
{
	for (size_t i = 0; i < from->ndays; i++)
		hl_ids_see_day(ids, from->days[i].day, from->days[i].seq);
}

void hl_ids_free(struct hl_ids *ids)
{
	free(ids->days);
	ids->days = NULL;
	ids->ndays = ids->cap = 0;
}
