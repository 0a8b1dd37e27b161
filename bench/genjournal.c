/* genjournal.c - a realistic journal of N events for the benchmarks:
 * tickets living their whole lives interleaved in time order (open, route,
 * ack, arrive, updates, hold and resume, resolve with a verdict, follow-up,
 * reopen, close, escalations, notes; missed calls called back; answered
 * calls), a fixed category mix, Chinese text with commas and
 * quotes. Seeded: the same N and SEED give the same bytes.
 *
 * usage: genjournal N [SEED] > journal.csv */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: fast, and the same everywhere */
	rng_state ^= rng_state >> 12, rng_state ^= rng_state << 25, rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

static const char *const cats[] = {"repair", "repair", "repair", "complaint", "consult",
				   "consult", "suggestion", "help", "booking", "emergency"};
static const char *const chans[] = {"phone", "phone", "hotline400", "wechat", "web", "visit", "letter", "sms"};
static const char *const depts[] = {"客服中心", "工程部", "秩序部", "环境部"};
static const char *const people[][3] = {{"王芳", "刘洋", "周敏"}, {"张伟", "陈刚", "李强"},
					{"钱军", "孙涛", "赵强"}, {"吴霞", "孙丽", "吴霞"}};
static const char *const texts[] = {
	"楼上漏水", "\"电梯困人, 请速来\"", "门禁卡失效", "物业费怎么交", "\"\"\"楼道灯\"\"坏了三天\"",
	"\"噪音扰民, 已多次反映\"", "建议增加充电桩", "\"暖气不热, 室温只有12度\"", "车位被占",
};

enum { WINDOW = 256 };

/* the journal's columns, in hl-log's order */
enum {
	TIME, TICKET, EVENT, ACTOR, CATEGORY, PRIORITY, CHANNEL, CALLER, PHONE, PLACE, DEPT,
	ASSIGNEE, DUE, LEVEL, CLOCK, NOTIFY, SCORE, VERDICT, RULE, CALL, QUEUE, OUTCOME, WAIT,
	TALK, TEXT, NCOLS
};

struct ticket {
	char id[48];
	int cat, dept, person, step, reopened, missed, held;
};

static int64_t clock_now;
static long day_seq, events, limit;
static int cur_day = -1;
static const char *f[NCOLS];
static char buf[8][64];

static void stamp(char *out, size_t n, int64_t t)
{
	time_t s = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&s, &tm);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void start(const char *id, const char *ev, const char *actor)
{
	static char t[96];
	memset(f, 0, sizeof f);
	stamp(t, sizeof t, clock_now);
	f[TIME] = t, f[TICKET] = id, f[EVENT] = ev, f[ACTOR] = actor;
}

static void emit(void)
{
	for (int i = 0; i < NCOLS; i++) {
		if (i)
			putchar(',');
		if (f[i])
			fputs(f[i], stdout);
	}
	putchar('\n');
	events++;
}

/* A ticket's id, given when it is opened: the day's next number. */
static void give_id(struct ticket *k)
{
	char t[96];
	stamp(t, sizeof t, clock_now);
	int day = atoi(t) * 10000 + atoi(t + 5) * 100 + atoi(t + 8);
	if (day != cur_day)
		cur_day = day, day_seq = 0;
	snprintf(k->id, sizeof k->id, "HL-%08d-%04ld", day, ++day_seq);
}

static void new_ticket(struct ticket *k)
{
	memset(k, 0, sizeof *k);
	k->cat = (int)rnd(10);
	k->dept = k->cat < 3 ? 1 : k->cat == 7 ? 2 : (int)rnd(4);
	k->person = (int)rnd(3);
	k->missed = rnd(4) == 0;
}

static void answered_call(void)
{
	start("", "call", people[0][rnd(2)]);
	f[CHANNEL] = "hotline400";
	snprintf(buf[0], sizeof buf[0], "1390000%04u", rnd(10000));
	snprintf(buf[1], sizeof buf[1], "%lld.%u", (long long)clock_now, rnd(1000));
	snprintf(buf[2], sizeof buf[2], "%u", rnd(60));
	snprintf(buf[3], sizeof buf[3], "%u", 30 + rnd(600));
	f[PHONE] = buf[0], f[CALL] = buf[1], f[QUEUE] = "400", f[OUTCOME] = "answered";
	f[WAIT] = buf[2], f[TALK] = buf[3];
	emit();
}

static int missed_step(struct ticket *k, int s)
{
	if (s == 0) {
		give_id(k);
		start(k->id, "missed", "王芳");
		snprintf(buf[0], sizeof buf[0], "1380000%04u", rnd(10000));
		f[CHANNEL] = "phone", f[PHONE] = buf[0];
	} else if (s == 1) {
		start(k->id, "callback", "刘洋");
		f[TEXT] = "已回拨";
	} else if (s == 2) {
		start(k->id, "close", "刘洋");
	} else {
		return 0;
	}
	emit();
	return 1;
}

static void open_ticket(struct ticket *k)
{
	give_id(k);
	start(k->id, "open", "王芳");
	snprintf(buf[0], sizeof buf[0], "业主%u", rnd(997));
	snprintf(buf[1], sizeof buf[1], "13%u%08u", 5 + rnd(4), rnd(100000000));
	snprintf(buf[2], sizeof buf[2], "%u栋%u单元", 1 + rnd(30), 1 + rnd(4));
	f[CATEGORY] = cats[k->cat], f[PRIORITY] = k->cat == 9 ? "urgent" : NULL;
	f[CHANNEL] = chans[rnd(8)], f[CALLER] = buf[0], f[PHONE] = buf[1], f[PLACE] = buf[2];
	f[TEXT] = texts[rnd(9)];
}

/* The next event of a ticket; 0 when its life is over. */
static int step(struct ticket *k)
{
	const char *who = people[k->dept][k->person];
	int s = k->step++;
	if (k->missed)
		return missed_step(k, s);
	switch (s) {
	case 0:
		open_ticket(k);
		break;
	case 1:
		start(k->id, "route", "hl-route");
		f[DEPT] = depts[k->dept], f[ASSIGNEE] = who, f[RULE] = "front-desk";
		f[TEXT] = "\"round-robin: next, first deadline: ack\"";
		break;
	case 2:
		start(k->id, "ack", who);
		f[TEXT] = "收到";
		break;
	case 3:
		if (rnd(8))
			return step(k);
		start(k->id, "escalate", "hl-escalate");
		f[LEVEL] = "1", f[CLOCK] = "resolve", f[NOTIFY] = people[k->dept][2], f[RULE] = "every-ticket";
		f[TEXT] = "\"head: resolve due, 2h late\"";
		break;
	case 4:
		start(k->id, k->cat < 3 ? "arrive" : "reply", who);
		f[TEXT] = "\"已到现场, 正在处理\"";
		break;
	case 5:
		if (rnd(6))
			return step(k);
		start(k->id, "hold", who);
		f[TEXT] = "等配件";
		k->held = 1;
		break;
	case 6:
		if (!k->held && rnd(3))
			return step(k);
		start(k->id, k->held ? "resume" : "update", who);
		f[TEXT] = k->held ? "配件到了" : "\"进度: 已联系厂家, 明天上门\"";
		k->held = 0;
		break;
	case 7:
		start(k->id, "resolve", who);
		f[VERDICT] = k->cat == 3 ? "valid" : k->cat == 6 ? "adopted" : NULL;
		f[TEXT] = "已处理";
		break;
	case 8: {
		int score = rnd(10) == 0 && !k->reopened ? 1 + (int)rnd(2) : 4 + (int)rnd(2);
		snprintf(buf[0], sizeof buf[0], "%d", score);
		start(k->id, "followup", "周敏");
		f[SCORE] = buf[0], f[TEXT] = score <= 2 ? "还是不满意" : "满意";
		emit();
		if (score > 2)
			return 1;
		start(k->id, "reopen", "周敏");
		f[DEPT] = depts[k->dept], f[ASSIGNEE] = who, f[TEXT] = "回访不满意";
		k->reopened = 1;
		k->step = 1;
		break;
	}
	case 9:
		if (rnd(5))
			return step(k);
		start(k->id, "note", "周敏");
		f[TEXT] = "\"业主说: 谢谢, 辛苦了\"";
		break;
	case 10:
		start(k->id, "close", "周敏");
		break;
	default:
		return 0;
	}
	emit();
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: genjournal N [SEED]\n", stderr);
		return 2;
	}
	limit = atol(argv[1]);
	rng_state = 0x9e3779b97f4a7c15ULL ^ (uint64_t)(argc > 2 ? atol(argv[2]) : 7);
	/* two years of calls, about 6 s apart on average at 10 million */
	int64_t span = 2 * 365 * 86400LL;
	int64_t gap = limit > 0 ? span / limit : 1;
	clock_now = 1735660800; /* 2025-01-01 00:00 +08:00 */
	static struct ticket win[WINDOW];
	for (int i = 0; i < WINDOW; i++)
		new_ticket(&win[i]);
	puts("time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text");
	while (events < limit) {
		clock_now += 1 + rnd((uint32_t)(2 * gap + 1));
		if (rnd(12) == 0) {
			answered_call();
			continue;
		}
		struct ticket *k = &win[rnd(WINDOW)];
		if (!step(k)) {
			new_ticket(k);
			step(k);
		}
	}
	return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
