/* doc_priv.h - what doc.c and its two writers, html.c and xlsx.c, share:
 * the cells as they show them, and the HTML page */
#ifndef HL_DOC_PRIV_H
#define HL_DOC_PRIV_H

#include <stdio.h>

#include "hl/doc.h"

/* A column's header for spreadsheets (CSV, xlsx): its label, with the
 * unit of a duration; late: the hours-late column of a deadline. */
void hl_col_header(const struct hl_col *c, int late, struct hl_buf *out);
/* A cell as people read it: a duration as 1h59m, the rest as it is. */
void hl_cell_show(enum hl_cell_type type, const char *v, struct hl_buf *out);
/* A duration's seconds as hours with one decimal, for spreadsheets. */
void hl_cell_hours(const char *v, struct hl_buf *out);
/* A deadline cell for spreadsheets: its outcome ("met", "late", "due
 * YYYY-MM-DD HH:MM", in the reports' language) and, when late, the
 * seconds late (else ""). */
void hl_cell_clock(const char *v, struct hl_buf *outcome, struct hl_buf *late);
/* The document as one HTML page. */
int hl_doc_html(const struct hl_doc *d, FILE *fp);

#endif
