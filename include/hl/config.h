/* config.h - hotline.yaml: the hotline's departments, people and rules,
 * over defaults compiled in from the source regulations */
#ifndef HL_CONFIG_H
#define HL_CONFIG_H

#include <stddef.h>

#include "hl/calendar.h"
#include "hl/cfgparse.h"
#include "hl/event.h"
#include "hl/strmap.h"
#include "hl/telephony.h"
#include "hl/time.h"

struct hl_roster;
struct hl_routes;

/* Fines for late work (the 400-line rules), by the count of late items a person
 * has in the period: the last amount goes on for every further one. */
struct hl_penalties {
	int *callback;       /* late call-backs: 20, 50, then 100 */
	size_t ncallback;
	int *ticket;         /* late tickets */
	size_t nticket;
	int repeat_factor;   /* a repeat complaint's ticket fine is multiplied */
};

/* Who hears of a late ticket, and when (the escalation section). */
struct hl_ladder {
	int warn_percent;                 /* 0: no warnings */
	struct hl_duration leader_after;  /* after the breach */
	struct hl_duration manager_after; /* after the leader */
	char *manager, *manager_phone, *manager_email;
	int64_t repeat;                   /* seconds: a repeat complaint starts a rung higher */
	int has_quiet;
	struct hl_span quiet;             /* non-emergency notices wait for its end */
};

/* The duplicates section: hl-route suggests an earlier live ticket at the
 * same place whose caller's words share enough of the vocabulary. */
struct hl_dupconf {
	int on;              /* 0: the section is absent, nothing suggested */
	int64_t window;      /* seconds the earlier ticket may be older */
	int need;            /* shared words needed */
	char **words;        /* words of the section; Latin folded to lower case */
	size_t nwords;
	/* the vocabulary: the routes' keywords and the words, each once
	 * (strings owned by the routes and the section) */
	const char **vocab;
	size_t nvocab;
};

struct hl_dept {
	char *name, *head, *leader, *phone, *email;
};

struct hl_person {
	char *name, *dept, *role, *phone, *email;
	char **roles;        /* what the person may do (extension's approver) */
	size_t nroles;
};

/* Deadlines for the tickets a rule matches; for each clock the first rule
 * that matches and sets it wins. A match set is a bit mask of enum values
 * (bit v for value v); 0 matches anything. */
struct hl_sla_rule {
	char *name;
	struct hl_kinds kinds;
	unsigned has;  /* bit c: clock c is set */
	struct hl_duration due[HL_NCLOCKS];
	/* a call missed in the daytime is returned sooner (the 400-line rules) */
	int has_callback_day;
	struct hl_duration callback_day;
	struct hl_span daytime;
};

/* A second level of a category (the categories section, as the 12345
 * hotlines file their work: 投诉/噪音, code 0301). */
struct hl_subcat {
	enum hl_category cat;
	char *name;          /* the journal's word: complaint/NAME */
	char *label;         /* what people read (噪音), or NULL */
	char *code;          /* the filing system's code ("0301"), or NULL */
};

struct hl_config {
	char *source;        /* the file read, or "(defaults)" */
	char *timezone;      /* NULL: TZ from the environment */
	char country_code[8];  /* phones made canonical for it ("86"; "": as dialled) */
	char *prefix;        /* ticket id prefix, "HL" */
	char *organisation;  /* the reports' titles: who runs the hotline, or NULL */
	char *unit;          /* and which part of it, or NULL */
	int digits;          /* minimum digits of the daily sequence */
	int reopen_at;       /* a followup score at or below this reopens */
	int64_t autoclose;   /* seconds after its resolve a ticket is settled; 0: never */
	int satisfied_at;    /* a score at or above: 满意 */
	int fair_at;         /* at or above (below satisfied_at): 基本满意 */
	struct hl_dept *depts;
	size_t ndepts;
	struct hl_person *staff;
	size_t nstaff;
	/* name -> index + 1: a lookup by name is one probe, and loading a
	 * staff of 100,000 is not 100,000 scans of it */
	struct hl_strmap dept_index, staff_index;
	struct hl_sla_rule *sla;
	size_t nsla;
	struct hl_calendar cal;
	struct hl_roster *roster;     /* shifts and leave (roster.h) */
	struct hl_routes *routes;     /* dispatch rules (route.h) */
	struct hl_ladder ladder;      /* the escalation section */
	struct hl_penalties penalties;
	struct hl_telephony calls;    /* the calls section (telephony.h) */
	int ext_max;                  /* extensions a ticket may have (延期) */
	char *ext_approver;           /* the role that approves them */
	unsigned review;              /* bit c: category c's resolves are reviewed (审核) */
	struct hl_dupconf dups;       /* suggested duplicates (hl-route) */
	struct hl_subcat *subcats;    /* the categories section, in its order */
	size_t nsubcats;
	unsigned has_subcats;         /* bit c: category c has second levels (one required) */
	uint64_t fingerprint;         /* of the file's text and TZ: what a saved
				       * state was computed under */
};

/* Which file: path when given (-C), else $HL_CONFIG, else ./hotline.yaml
 * if it exists, else none (the defaults alone). Sections the file has
 * replace the defaults' sections. Applies the time zone. */
int hl_config_load(const char *path, struct hl_config *cfg, struct hl_buf *err);
/* Loads from text, for tests; name is used in messages. */
int hl_config_load_text(const char *name, const char *text, size_t len,
			struct hl_config *cfg, struct hl_buf *err);
void hl_config_free(struct hl_config *cfg);

const struct hl_dept *hl_config_dept(const struct hl_config *cfg, const char *name);
const struct hl_person *hl_config_person(const struct hl_config *cfg, const char *name);
/* Whether the person of that name has the role (roles on the staff). */
int hl_config_has_role(const struct hl_config *cfg, const char *name, const char *role);
/* Whether a resolve of that category waits for a review. */
int hl_config_reviews(const struct hl_config *cfg, enum hl_category cat);
/* An error at node at unless who (if not NULL) is on the staff. */
struct hl_cfgctx;
struct hl_node;
int hl_config_need_person(struct hl_cfgctx *c, const struct hl_node *at,
			  const struct hl_config *cfg, const char *who);
/* What every reading tool starts with: the configuration (as
 * hl_config_load) and the time it runs as (--now when given, else $HL_NOW,
 * else the clock; read in the configuration's time zone). */
int hl_config_load_at(const char *path, const char *now_arg, struct hl_config *cfg,
		      struct hl_time *now, struct hl_buf *err);

/* A 回访 score in words, and a word as a score (满意 the top, 基本满意
 * the lowest of its range, 不满意 1). */
enum hl_result hl_config_result_of(const struct hl_config *cfg, int score);
int hl_config_score_of(const struct hl_config *cfg, enum hl_result r);

/* The compiled-in defaults, as YAML (also printed by hl-log --defaults). */
extern const char hl_default_config[];

#endif
