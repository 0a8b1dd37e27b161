/* route.h - dispatch rules (the routes section) and the router that
 * applies them to the tickets waiting for dispatch */
#ifndef HL_ROUTE_H
#define HL_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "hl/cfgparse.h"
#include "hl/record.h"
#include "hl/time.h"

enum hl_strategy { HL_STRAT_NONE, HL_STRAT_ROUND_ROBIN, HL_STRAT_LEAST_OPEN };

struct hl_route_rule {
	char *name;
	/* conditions; a rule with none matches every ticket */
	struct hl_kinds kinds;
	char **places;          /* globs, any of them */
	size_t nplaces;
	char **keywords;        /* any of them in the text; Latin folded to lower case */
	size_t nkeywords;
	int64_t repeat;         /* seconds: the phone opened a complaint this recently */
	int has_time;
	struct hl_span time;    /* the ticket's time of day */
	int nconditions;
	/* target */
	char *dept, *person;
	char **pool;
	size_t npool;
	enum hl_strategy strategy;
	int raise;              /* enum hl_priority to raise to, 0: none */
};

struct hl_routes {
	struct hl_route_rule *rule;
	size_t n;
};

struct hl_config;
/* Parses the routes section (the rules' own shape). */
int hl_routes_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg);
/* Checks what the rules name against departments and staff, once every
 * section is read; errors point into the routes section. */
int hl_routes_check(struct hl_cfgctx *c, const struct hl_node *v, const struct hl_config *cfg);
void hl_routes_free(struct hl_routes *r);
/* The index of the rule of that name (rs and name may be NULL), or -1. */
int hl_routes_index(const struct hl_routes *rs, const char *name);

/* The router: fed the journal record by record, it keeps the tickets that
 * are not closed, the rotation of each rule, who has how many open
 * tickets and who complained recently; then it routes. */
struct hl_router;
struct hl_router *hl_router_new(const struct hl_config *cfg, struct hl_time now);
/* file: the journal's name, for warnings about records that do not fit. */
/* Feeds the journal(s) the way the cron job reads them (live.h): one
 * journal through its state cache. */
int hl_router_read(struct hl_router *rt, char *const *files, int nfiles, struct hl_buf *err);
/* Routes every ticket waiting for dispatch (oldest first), calling emit
 * with each route record; explain, when given, gets the reasoning.
 * Returns the number routed, or -1 when emit failed. */
long hl_router_run(struct hl_router *rt, int (*emit)(const struct hl_record *r, void *arg),
		   void *arg, struct hl_buf *explain);
void hl_router_free(struct hl_router *rt);

#endif
