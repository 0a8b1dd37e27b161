/* event.h - the journal's vocabulary: events, categories, channels,
 * priorities, verdicts, and a record's typed reading */
#ifndef HL_EVENT_H
#define HL_EVENT_H

#include "hl/record.h"
#include "hl/time.h"
#include "hl/util.h"

enum hl_event_kind {
	HL_EV_NONE, HL_EV_OPEN, HL_EV_MISSED, HL_EV_CALLBACK, HL_EV_ROUTE,
	HL_EV_ASSIGN, HL_EV_ACK, HL_EV_REPLY, HL_EV_ARRIVE, HL_EV_UPDATE,
	HL_EV_HOLD, HL_EV_RESUME, HL_EV_RESOLVE, HL_EV_FOLLOWUP, HL_EV_REOPEN,
	HL_EV_CLOSE, HL_EV_ESCALATE, HL_EV_NOTE,
	HL_EV_CALL,   /* a call through the phone queue; no ticket of its own */
	HL_EV_VOID,   /* opened by mistake, a test, a duplicate, spam: in no count */
	HL_EV_AMEND,  /* a correction of what the open recorded */
	HL_EV_RETURN, /* 退单: the department sends it back to dispatch */
	HL_EV_EXTEND, /* 延期: more time asked for one clock */
	HL_EV_APPROVE, HL_EV_REFUSE, /* the extension asked, decided */
	HL_EV_SUPERVISE, /* 督办: the centre presses the department */
	HL_EV_REVIEW, /* 审核: the centre accepts or rejects a resolve */
	HL_EV_LINK,   /* a duplicate of another ticket (its master): follows it */
};

enum hl_category {
	HL_CAT_NONE, HL_CAT_CONSULT, HL_CAT_COMPLAINT, HL_CAT_SUGGESTION,
	HL_CAT_BOOKING, HL_CAT_EMERGENCY, HL_CAT_HELP, HL_CAT_REPAIR,
	/* beside the seven, the 12345 government-hotline rules' */
	HL_CAT_REPORT,  /* 举报: a wrong reported */
	HL_CAT_PRAISE,  /* 表扬 */
	HL_CAT_OTHER,   /* 其他 */
};
#define HL_NCATS (HL_CAT_OTHER + 1)

enum hl_channel {
	HL_CH_NONE, HL_CH_PHONE, HL_CH_HOTLINE400, HL_CH_VISIT, HL_CH_LETTER,
	HL_CH_EMAIL, HL_CH_WEB, HL_CH_WECHAT, HL_CH_WEIBO, HL_CH_SMS,
};

enum hl_priority {
	HL_PRI_NONE, HL_PRI_LOW, HL_PRI_NORMAL, HL_PRI_HIGH, HL_PRI_URGENT,
	HL_PRI_CRITICAL,
};

enum hl_verdict {
	HL_VER_NONE, HL_VER_VALID, HL_VER_INVALID, HL_VER_ADOPTED, HL_VER_DECLINED,
};

/* A review's word (审核), in the verdict column of a review. */
enum hl_review {
	HL_REV_NONE, HL_REV_ACCEPTED, HL_REV_REJECTED,
};

/* A 回访's result in words (the regulations' three), in the verdict
 * column of a followup. */
enum hl_result {
	HL_RES_NONE, HL_RES_SATISFIED, HL_RES_FAIR, HL_RES_UNSATISFIED,
};

/* How a call through the phone queue ended (call and imported missed
 * records). */
enum hl_outcome {
	HL_OUT_NONE, HL_OUT_ANSWERED, HL_OUT_ABANDONED, /* the caller hung up */
	HL_OUT_TIMEOUT,  /* the queue's wait limit */
	HL_OUT_NOAGENT,  /* nobody logged in to take it */
	HL_OUT_EXITKEY,  /* the caller left by a key (voicemail, say) */
	HL_OUT_REROUTED, /* left for another queue, where the call goes on */
};

/* The deadlines a ticket runs against. */
enum hl_clock {
	HL_CLK_ASSIGN,    /* dispatched to the responsible department */
	HL_CLK_ACK,       /* signed for by that department */
	HL_CLK_REPLY,     /* the caller given an answer or a plan */
	HL_CLK_ARRIVE,    /* a repairer on site */
	HL_CLK_UPDATE,    /* progress at least this often while unresolved */
	HL_CLK_RESOLVE,
	HL_CLK_FOLLOWUP,  /* 回访 after resolve */
	HL_CLK_CALLBACK,  /* a missed call returned */
	HL_CLK_SUPERVISE, /* the department answers the centre's 督办 */
	HL_NCLOCKS
};

extern const char *const hl_clock_names[HL_NCLOCKS];

/* A vocabulary: canonical names first, then aliases (Chinese among them). */
struct hl_word {
	const char *name;
	int value;
};
struct hl_word_key;
struct hl_vocab {
	const char *what;             /* "category", for messages */
	const struct hl_word *words;  /* ends with a NULL name */
	size_t nwords;                /* before that one */
	struct hl_word_key *keys;     /* each word as numbers, made once */
};

extern const struct hl_vocab hl_events, hl_categories, hl_channels,
	hl_priorities, hl_verdicts, hl_outcomes, hl_results, hl_reviews;

/* The value of a word (Latin case-insensitive), or -1. */
int hl_vocab_parse(const struct hl_vocab *v, const char *s);
/* The canonical name of a value ("" for 0). */
const char *hl_vocab_name(const struct hl_vocab *v, int value);
/* "consult, complaint, ..." for messages and --help. */
void hl_vocab_list(const struct hl_vocab *v, struct hl_buf *out);

/* A second level of a category, as the journal writes it after the
 * first level and a slash (complaint/noise): 1 to HL_MAX_CAT2 ASCII
 * letters, digits, '-' and '_', the first a letter or digit. */
#define HL_MAX_CAT2 32
int hl_category2_check(const char *name, struct hl_buf *err);
/* The category column's value of a first level and a second one (NULL:
 * none): "complaint" or "complaint/noise", in out. */
void hl_category_format(enum hl_category cat, const char *cat2, struct hl_buf *out);

/* The journal's columns, in the order a new journal is created with. */
enum hl_column {
	HL_COL_TIME, HL_COL_TICKET, HL_COL_EVENT, HL_COL_ACTOR, HL_COL_CATEGORY,
	HL_COL_PRIORITY, HL_COL_CHANNEL, HL_COL_CALLER, HL_COL_PHONE, HL_COL_PLACE,
	HL_COL_DEPT, HL_COL_ASSIGNEE, HL_COL_DUE, HL_COL_LEVEL, HL_COL_CLOCK,
	HL_COL_NOTIFY, HL_COL_SCORE, HL_COL_VERDICT, HL_COL_RULE, HL_COL_CALL,
	HL_COL_QUEUE, HL_COL_OUTCOME, HL_COL_WAIT, HL_COL_TALK, HL_COL_TEXT,
	HL_COL_MASTER, /* after text: added with link, the columns before keep their places */
	HL_NCOLUMNS
};
extern const char *const hl_columns[];
extern const size_t hl_ncolumns;
int hl_is_column(const char *name);

/* A journal record by column (enum hl_column): each value, or NULL when
 * it is empty or the record has no such column. What a fold reads: a
 * reader fills it from where it split the line, building no record. */
struct hl_cols {
	const char *v[HL_NCOLUMNS];
	long line;       /* physical line (1-based) the record starts on */
	int64_t offset;  /* byte offset of its first byte in the input */
};

/* The columns of a record (views of its values, good while it is). */
void hl_cols_of_record(const struct hl_record *r, struct hl_cols *c);

/* A record read as an event. Strings point into the record. */
struct hl_event {
	struct hl_time time;
	const char *ticket;
	enum hl_event_kind kind;
	const char *actor;
	enum hl_category category;
	const char *category2;  /* its second level ("noise" of complaint/noise), or NULL */
	enum hl_priority priority;
	enum hl_channel channel;
	const char *caller, *phone, *place, *dept, *assignee;
	int has_due;
	struct hl_time due;
	int level;       /* -1 when absent */
	int score;       /* 0 when absent */
	enum hl_verdict verdict;
	enum hl_result result;  /* followup: in words (the verdict column) */
	enum hl_review review;  /* review: accepted or rejected (the verdict column) */
	const char *rule;   /* the routing or SLA rule behind a derived record */
	int clock;          /* escalate, extend: enum hl_clock, or -1 */
	int has_more;       /* extend: the time asked for, in due */
	struct hl_duration more;
	const char *notify; /* escalate: who was told */
	const char *master; /* link: the ticket it duplicates; reopen: the one it leaves */
	const char *text;
	/* telephony (call records, imported missed calls) */
	const char *call;        /* the phone system's call id */
	const char *queue;
	enum hl_outcome outcome;
	long wait, talk;         /* seconds; -1 when absent */
};

enum {
	/* Input to be appended, not the journal: ticket, time and actor may be
	 * empty; the caller fills them in (a new ticket gets its id when the
	 * batch is committed). */
	HL_EV_PARTIAL = 1,
};

/* Reads and checks a record's columns (not yet the ticket's lifecycle).
 * The message names the column, without a file position. */
int hl_event_parse(const struct hl_record *r, unsigned flags, struct hl_event *ev,
		   struct hl_buf *err);
/* The same from the columns; the event's strings are c's values. */
int hl_event_parse_cols(const struct hl_cols *c, unsigned flags, struct hl_event *ev,
			struct hl_buf *err);
/* The same, but a record whose time is at or after until is read no
 * further than its time: 1 then, ev->time set. */
int hl_event_parse_before(const struct hl_cols *c, int64_t until, struct hl_event *ev,
			  struct hl_buf *err);
/* Writes the event's typed fields back as canonical text into r (aliases
 * become canonical names, phones normalized); other fields are kept. */
void hl_event_store(const struct hl_event *ev, struct hl_record *r);

/* A ticket id: 1 to HL_MAX_ID bytes of ASCII letters, digits, '-', '_'
 * and '.', the first a letter or digit -- so that an id is one word in
 * every output (a notify line, a report, a mail) and never an option.
 * Every input is held to it; a journal line that is not is skipped as
 * damaged. */
#define HL_MAX_ID 64
#define HL_ID_FORM "1 to 64 letters, digits, '-', '_' and '.', the first a letter or digit"
int hl_ticket_id_check(const char *id, struct hl_buf *err);

/* Checks and normalizes a phone number: digits, optionally a leading +,
 * spaces, dashes and parentheses dropped; 3 to 20 digits. out NULL:
 * only checks. The digits are made canonical for the country set by
 * hl_phone_set_country (the configuration's country_code, 86 unless
 * set): its own code (+86, 0086) and a trunk 0 before a mobile number
 * dropped, a landline's 0 and area code kept, another country's number
 * +CC... So 013700000004, +86 137 0000 0004 and 0086-13700000004 are
 * all 13700000004. */
int hl_phone_normalize(const char *in, struct hl_buf *out, struct hl_buf *err);
/* The country's calling code, digits ("86"); "" keeps numbers as dialled. */
void hl_phone_set_country(const char *cc);

#endif
